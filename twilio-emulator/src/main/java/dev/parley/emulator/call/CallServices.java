package dev.parley.emulator.call;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.stream.MediaClock;
import dev.parley.emulator.stream.MediaStreamConnector;
import dev.parley.emulator.webhook.WebhookClient;
import java.util.concurrent.Executor;

/** SIMULATION ONLY: what every emulated call shares. */
record CallServices(
    EmulatorConfig config,
    WebhookClient webhooks,
    MediaStreamConnector streams,
    MediaClock mediaClock,
    CalleeDirectory callees,
    Executor synthesis) {}
