package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.JSON;
import static dev.nebula.serve.JsonResponses.bytes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.function.CatalogFunction;
import dev.nebula.function.Size;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.FunctionArtifact;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the server offers, as the GET endpoints answer it: {@code /health}, {@code /runtimes}, {@code /functions}. */
final class CatalogJson {
    private final Map<String, RuntimeHost> hosts;
    private final Uploads uploads;
    private final ServeOptions options;

    CatalogJson(Map<String, RuntimeHost> hosts, Uploads uploads, ServeOptions options) {
        this.hosts = hosts;
        this.uploads = uploads;
        this.options = options;
    }

    byte[] health() {
        ObjectNode health = JSON.createObjectNode();
        health.put("status", "ready");
        ArrayNode deployed = health.putArray("deployed");
        hosts.forEach((id, host) -> {
            if (host.deployed()) {
                deployed.add(id);
            }
        });
        return bytes(health);
    }

    byte[] runtimes() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("runtimes");
        hosts.forEach((id, host) -> {
            ObjectNode entry = list.addObject();
            entry.put("id", id);
            entry.put("description", host.runtime().description());
            entry.put("abi", host.abi().id());
            ArrayNode abis = entry.putArray("abis");
            host.runtime().abis().stream().map(Abi::id).forEach(abis::add);
            entry.put("deployed", host.deployed());
            entry.put("idleInstances", host.idleInstances());
        });
        ObjectNode limits = root.putObject("limitsPerRuntime");
        limits.put("maxConcurrent", options.maxConcurrent());
        limits.put("maxWaiting", options.maxWaiting());
        limits.put("queueWaitMs", options.queueWait().toMillis());
        limits.put("requestTimeoutMs", options.requestTimeout().toMillis());
        ArrayNode starts = root.putArray("start");
        for (StartMode mode : StartMode.values()) {
            starts.add(mode.id());
        }
        return bytes(root);
    }

    /** The built-ins with their ranges, the modules they come in (sha256, size), and the uploads (sha256, size, runtimes). */
    byte[] functions() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("functions");
        for (CatalogFunction function : CatalogFunction.values()) {
            ObjectNode entry = list.addObject();
            entry.put("id", function.id());
            entry.put("export", function.exportName());
            entry.put("result", function.resultKind().name().toLowerCase(Locale.ROOT));
            entry.put("min", function.minInput());
            entry.put("max", function.maxInput());
            entry.put("validRange", function.validRange());
            ObjectNode sizes = entry.putObject("sizes");
            for (Size size : Size.values()) {
                sizes.put(size.name(), function.input(size));
            }
        }
        ArrayNode modules = root.putArray("builtInModules");
        for (Abi abi : List.of(Abi.HANDLER, Abi.WASI)) {
            FunctionArtifact module = FunctionArtifact.bundled(abi);
            modules.addObject().put("abi", abi.id()).put("file", module.name()).put("sha256", module.sha256()).put("size", module.bytes().length);
        }
        ArrayNode uploaded = root.putArray("uploads");
        uploads.all().forEach(function -> uploaded.add(FunctionsHandler.entry(function)));
        return bytes(root);
    }
}
