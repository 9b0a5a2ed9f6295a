package dev.nebula.serve;

import dev.nebula.ContractException;
import dev.nebula.InvocationTimeoutException;
import dev.nebula.ModuleException;
import dev.nebula.RuntimeUnavailableException;
import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.Phases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uploaded functions: validated, checked, deployed and kept in the store; redeployed from it at start; undeployed
 * and removed on request. A module runs on every wasm runtime (Wasm is sandboxed); a native binary only on container
 * runtimes, and only when the server was started with {@code --allow-native}.
 */
final class Uploads implements AutoCloseable {
    private final FunctionStore store;
    private final FunctionDeployer deployer;
    private final Map<String, RuntimeHost> hosts;
    private final ServeOptions options;
    private final Map<String, UploadedFunction> byName = new ConcurrentHashMap<>();

    Uploads(FunctionStore store, FunctionDeployer deployer, Map<String, RuntimeHost> hosts, ServeOptions options) {
        this.store = store;
        this.deployer = deployer;
        this.hosts = hosts;
        this.options = options;
    }

    /**
     * Opens the store and redeploys what it holds. Returns one line per thing to report: the broken entries moved
     * aside (all on one line), and each function that could not be deployed everywhere.
     */
    synchronized List<String> loadAtStart() {
        List<String> report = new ArrayList<>();
        FunctionStore.Contents contents = store.open();
        if (!contents.brokenEntries().isEmpty()) {
            report.add("store " + store.dir() + ": " + contents.brokenEntries().size() + " broken entr"
                    + (contents.brokenEntries().size() == 1 ? "y" : "ies") + " left by a crash, moved aside to "
                    + store.dir().resolve(FunctionStore.BROKEN) + " and not served: " + String.join("; ", contents.brokenEntries()));
        }
        for (StoredFunction stored : contents.functions()) {
            UploadedFunction function = new UploadedFunction(stored);
            List<String> failed = new ArrayList<>();
            byte[] module = read(stored.module());
            for (String id : stored.runtimes()) {
                deployAtStart(function, id, module, failed);
            }
            if (stored.binary() != null) {
                if (options.uploads().allowNative()) {
                    byte[] binary = read(stored.binary());
                    for (RuntimeHost host : binaryHosts()) {
                        deployAtStart(function, host.runtime().id(), binary, failed);
                    }
                } else {
                    failed.add("its native binary (start serve with --allow-native to run it in containers)");
                }
            }
            byName.put(stored.name().value(), function);
            if (!failed.isEmpty()) {
                report.add("upload " + stored.name() + " is not deployed on " + String.join("; ", failed));
            }
        }
        return report;
    }

    private void deployAtStart(UploadedFunction function, String runtimeId, byte[] artifact, List<String> failed) {
        RuntimeHost host = hosts.get(runtimeId);
        try {
            if (host == null) {
                throw new IllegalArgumentException("no such runtime here");
            }
            host.runtime().requireAvailable();
            function.add(runtimeId, deployer.deploy(host.runtime(), function.stored().name(), artifact));
        } catch (RuntimeException e) {
            failed.add(runtimeId + " (" + e.getMessage() + ")");
        }
    }

    UploadedFunction get(String name) {
        return byName.get(name);
    }

    /** Every upload, by name. */
    Collection<UploadedFunction> all() {
        return byName.values().stream().sorted((a, b) -> a.stored().name().value().compareTo(b.stored().name().value())).toList();
    }

    /**
     * Validates the module, runs it once with {@code checkN} on the first of the runtimes and records that answer,
     * deploys it on the others, writes it to the store, and only then serves it (replacing an earlier upload).
     *
     * @param runtimeIds the runtimes asked for; empty means every wasm runtime that runs commands and is available here
     */
    synchronized UploadedFunction upload(FunctionName name, byte[] module, long checkN, List<String> runtimeIds) {
        requireNotBuiltIn(name);
        List<RuntimeHost> targets = moduleHosts(runtimeIds);
        try {
            deployer.validateModule(module);
        } catch (ModuleException e) {
            throw new UploadRejected(422, "invalid-module", e.getMessage());
        }
        UploadedFunction function = null;
        List<FunctionDeployer.Deployed> deployed = new ArrayList<>();
        try {
            RuntimeHost checker = targets.getFirst();
            FunctionDeployer.Deployed first = deploy(checker, name, module);
            deployed.add(first);
            String answer = check(checker, name, first, checkN);
            for (RuntimeHost host : targets.subList(1, targets.size())) {
                deployed.add(deploy(host, name, module));
            }
            StoredFunction stored = store.save(name, module, null, checkN, answer,
                    targets.stream().map(host -> host.runtime().id()).toList());
            function = new UploadedFunction(stored);
            for (int i = 0; i < targets.size(); i++) {
                function.add(targets.get(i).runtime().id(), deployed.get(i));
            }
        } finally {
            if (function == null) {
                deployed.forEach(FunctionDeployer.Deployed::close);
            }
        }
        UploadedFunction previous = byName.put(name.value(), function);
        if (previous != null) {
            previous.close();
        }
        return function;
    }

    /**
     * Adds a native binary to an upload: only with {@code --allow-native}, deployed only on container runtimes, and
     * accepted only when it answers the check as the module did.
     */
    synchronized UploadedFunction uploadBinary(FunctionName name, byte[] binary) {
        if (!options.uploads().allowNative()) {
            throw new UploadRejected(403, "native-disabled", "this server does not accept native binaries: they are not"
                    + " sandboxed as Wasm is. Start it with --allow-native to accept them; they then run only in containers"
                    + " (network none, read-only root, memory and pids limits)");
        }
        requireNotBuiltIn(name);
        UploadedFunction function = byName.get(name.value());
        if (function == null) {
            throw new UploadRejected(404, "not-found", "no upload named '" + name + "'; upload its module first with PUT /functions/" + name);
        }
        List<RuntimeHost> targets = binaryHosts();
        if (targets.isEmpty()) {
            throw new UploadRejected(503, "unavailable", "no container runtime can run a native binary here; start Docker with: bash scripts/docker-up.sh");
        }
        try {
            deployer.validateBinary(binary);
        } catch (ModuleException e) {
            throw new UploadRejected(422, "invalid-binary", e.getMessage());
        }
        StoredFunction stored = function.stored();
        Map<String, FunctionDeployer.Deployed> deployed = new LinkedHashMap<>();
        boolean accepted = false;
        try {
            for (RuntimeHost host : targets) {
                FunctionDeployer.Deployed on = deploy(host, name, binary);
                deployed.put(host.runtime().id(), on);
                String answer = check(host, name, on, stored.checkN());
                if (!answer.equals(stored.checkAnswer())) {
                    throw new UploadRejected(422, "wrong-answer", "the binary answers '" + answer + "' for n=" + stored.checkN()
                            + " on " + host.runtime().id() + ", the module answered '" + stored.checkAnswer() + "'");
                }
            }
            byte[] module = read(stored.module());
            StoredFunction withBinary = store.save(name, module, binary, stored.checkN(), stored.checkAnswer(), stored.runtimes());
            function.restored(withBinary);
            deployed.forEach(function::add);
            accepted = true;
            return function;
        } finally {
            if (!accepted) {
                deployed.values().forEach(FunctionDeployer.Deployed::close);
            }
        }
    }

    /** Undeploys an upload everywhere and removes it from the store. */
    synchronized void remove(FunctionName name) {
        requireNotBuiltIn(name);
        UploadedFunction function = byName.remove(name.value());
        if (function == null) {
            throw new UploadRejected(404, "not-found", "no upload named '" + name + "'; uploads: " + byName.keySet());
        }
        function.close();
        store.remove(function.stored());
    }

    @Override
    public synchronized void close() {
        for (UploadedFunction function : byName.values()) {
            try {
                function.close();
            } catch (RuntimeException e) {
                System.err.println("nebula serve: closing upload " + function.stored().name() + " failed: " + e);
            }
        }
    }

    private static void requireNotBuiltIn(FunctionName name) {
        if (CatalogFunction.ids().contains(name.value())) {
            throw new UploadRejected(409, "name-taken", "'" + name + "' is a built-in function; pick another name (built-ins: "
                    + String.join(", ", CatalogFunction.ids()) + ")");
        }
    }

    /** The runtimes to deploy a module on: those asked for, each one that runs modules, or all such that are available. */
    private List<RuntimeHost> moduleHosts(List<String> runtimeIds) {
        List<String> capable = hosts.values().stream().filter(host -> deployer.runsModules(host.runtime()))
                .map(host -> host.runtime().id()).toList();
        List<RuntimeHost> targets = new ArrayList<>();
        if (runtimeIds.isEmpty()) {
            for (String id : capable) {
                if (available(hosts.get(id))) {
                    targets.add(hosts.get(id));
                }
            }
            if (targets.isEmpty()) {
                throw new UploadRejected(503, "unavailable", "none of the wasm runtimes (" + String.join(", ", capable) + ") is available here");
            }
            return targets;
        }
        for (String id : runtimeIds) {
            if (!capable.contains(id)) {
                throw new UploadRejected(400, "bad-input", "runtime '" + id + "' does not run uploaded modules; runtimes that do: " + String.join(", ", capable));
            }
            RuntimeHost host = hosts.get(id);
            try {
                host.runtime().requireAvailable();
            } catch (RuntimeUnavailableException e) {
                throw new UploadRejected(503, "unavailable", e.getMessage());
            }
            if (!targets.contains(host)) {
                targets.add(host);
            }
        }
        return targets;
    }

    private List<RuntimeHost> binaryHosts() {
        return hosts.values().stream().filter(host -> deployer.runsBinaries(host.runtime()) && available(host)).toList();
    }

    private static boolean available(RuntimeHost host) {
        try {
            host.runtime().requireAvailable();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private FunctionDeployer.Deployed deploy(RuntimeHost host, FunctionName name, byte[] artifact) {
        try {
            return deployer.deploy(host.runtime(), name, artifact);
        } catch (ModuleException e) {
            throw new UploadRejected(422, "invalid-module", host.runtime().id() + " cannot deploy it: " + e.getMessage());
        } catch (RuntimeUnavailableException e) {
            throw new UploadRejected(503, "unavailable", e.getMessage());
        }
    }

    /** The check: one cold run through the runtime's admission and timeout; a trap or a timeout rejects the upload. */
    private static String check(RuntimeHost host, FunctionName name, FunctionDeployer.Deployed deployed, long checkN) {
        String what = "the check of " + name + " with n=" + checkN;
        try {
            return host.admitted(name + " " + checkN + " (check)", queueNanos -> deployed.coldRun(checkN, Phases.IGNORED));
        } catch (TrapException e) {
            throw new UploadRejected(422, "trap", what + " on " + host.runtime().id() + " failed: " + e.getMessage());
        } catch (InvocationTimeoutException | Refusal.TimedOut e) {
            throw new UploadRejected(422, "timeout", what + " on " + host.runtime().id() + " did not finish: " + e.getMessage());
        } catch (ModuleException | ContractException e) {
            throw new UploadRejected(422, "invalid-module", what + " on " + host.runtime().id() + " failed: " + e.getMessage());
        } catch (UploadRejected | Refusal e) {
            throw e;
        } catch (Exception e) {
            throw new UploadRejected(500, "internal", what + " on " + host.runtime().id() + " failed: " + e);
        }
    }

    private static byte[] read(StoredFunction.StoredFile file) {
        try {
            return Files.readAllBytes(file.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + " from the function store", e);
        }
    }
}
