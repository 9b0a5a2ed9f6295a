package dev.nebula.serve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference answers of an uploaded function, which has no reference but itself: the answer its check gave at
 * upload (kept in the store), and for every other n the first answer seen, against which later answers are checked.
 */
final class FirstAnswers {
    /** Past this many answers the ones seen start again (the check's stays): a sweep over n must not grow it without bound. */
    private static final int LIMIT = 4_096;

    private final long checkN;
    private final String checkAnswer;
    private final Map<Long, String> seen = new ConcurrentHashMap<>();

    /** The reference for one answer: what it must equal, and whether this answer is the one that set it. */
    record Expected(String answer, boolean firstSeen) {}

    FirstAnswers(long checkN, String checkAnswer) {
        this.checkN = checkN;
        this.checkAnswer = checkAnswer;
    }

    /** What {@code answer} for n must equal; the first answer for an n records itself. */
    Expected expected(long n, String answer) {
        if (n == checkN) {
            return new Expected(checkAnswer, false);
        }
        if (seen.size() >= LIMIT) {
            seen.clear();
        }
        String first = seen.putIfAbsent(n, answer);
        return first == null ? new Expected(answer, true) : new Expected(first, false);
    }
}
