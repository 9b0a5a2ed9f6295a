package dev.nebula.serve;

/** An upload, or a request about an upload, refused: its HTTP status, a short kind for programs, the message for people. */
final class UploadRejected extends RuntimeException {
    private final int status;
    private final String kind;

    UploadRejected(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }
}
