package dev.nebula.runtime.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nebula.Need;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class (see junit-platform.properties): the suite leaves no Nebula container behind,
 * pulled no image and put no container on a network other than none or host, by the engine's own event log.
 */
@Order(Integer.MAX_VALUE)
@Tag(Need.DOCKER)
class NoLeftoverContainersTest {
    private static final Set<String> ALLOWED_NETWORKS = Set.of(DockerDeployment.NETWORK_NONE, "host");

    @Test
    void noNebulaContainerRemainsAfterTheSuite() {
        assertEquals(List.of(), DockerEngine.local().nebulaContainers().stream().map(c -> c.getId() + " " + c.getLabels()).toList());
    }

    @Test
    void theEngineLogsNoPullAndNoOtherNetworkSinceThisJvmStarted() throws InterruptedException {
        List<String> offending = new ArrayList<>();
        long since = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000;
        long until = System.currentTimeMillis() / 1000 + 1;
        DockerEngine.local().client().eventsCmd()
                .withSince(Long.toString(since))
                .withUntil(Long.toString(until))
                .withEventTypeFilter(EventType.IMAGE, EventType.NETWORK)
                .exec(new ResultCallback.Adapter<Event>() {
                    @Override
                    public void onNext(Event event) {
                        boolean pull = event.getType() == EventType.IMAGE && "pull".equals(event.getAction());
                        String network = event.getActor() == null ? null : event.getActor().getAttributes().get("name");
                        boolean otherNetwork = event.getType() == EventType.NETWORK && !ALLOWED_NETWORKS.contains(network);
                        if (pull || otherNetwork) {
                            offending.add(event.getType() + " " + event.getAction() + " " + event.getActor());
                        }
                    }
                })
                .awaitCompletion(60, TimeUnit.SECONDS);
        assertEquals(List.of(), offending);
    }
}
