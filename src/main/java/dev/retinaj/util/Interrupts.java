package dev.retinaj.util;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM in the long commands, from their first moment: one line saying what was
 * interrupted (the current {@link #phase}) and what can be resumed, and exit code 130. The handler
 * prints and records; the main thread notices at its next phase boundary or {@link #check()} and
 * unwinds, closing the engine in order (exiting from the handler could race libtorch's threads and
 * crash). A phase with no boundary for {@link #GRACE_MS} (e.g. reading a large data set) is ended by
 * halting, but never while the command's thread is inside the engine (a halt runs libtorch's static
 * destructors under the running op). The training loop takes signals over ({@link #handOver}) to
 * checkpoint first. A second signal halts at once.
 */
public final class Interrupts {
    public static final int EXIT_CODE = 130;
    static final long GRACE_MS = 5000;
    private static final long POLL_MS = 50;
    private static final List<String> SIGNALS = List.of("INT", "TERM");
    private static final Object LOCK = new Object();

    private static final List<Signal> installed = new ArrayList<>();
    private static final List<SignalHandler> previous = new ArrayList<>();
    private static volatile String phase = "starting";
    private static volatile Supplier<String> advice = () -> "";
    private static Consumer<String> loop;
    /** The thread that runs the command: the one that unwinds, and whose engine calls a halt must not cut. */
    private static Thread owner;
    /** The first signal's name (e.g. "SIGINT"), null before one arrives. */
    private static volatile String first;
    /** The signal has been dealt with: by the loop it was handed to, or by the main thread unwinding. */
    private static volatile boolean taken;

    private Interrupts() {}

    /**
     * Installs the handlers (once); returns whether this call installed them.
     * @param what the first phase, e.g. "starting retinaj train"
     */
    public static boolean install(String what) {
        synchronized (LOCK) {
            if (!installed.isEmpty()) {
                return false;
            }
            phase = what;
            owner = Thread.currentThread();
            PrintStream err = System.err;
            for (String name : SIGNALS) {
                Signal sig = new Signal(name);
                try {
                    previous.add(Signal.handle(sig, got -> onSignal("SIG" + got.getName(), err)));
                    installed.add(sig);
                } catch (IllegalArgumentException e) {
                    // a signal the JVM reserves here (e.g. with -Xrs): it keeps its default
                }
            }
            return true;
        }
    }

    /** Restores the previous handlers and forgets any signal (for code that installed them itself). */
    public static void uninstall() {
        synchronized (LOCK) {
            for (int i = 0; i < installed.size(); i++) {
                Signal.handle(installed.get(i), previous.get(i));
            }
            installed.clear();
            previous.clear();
            first = null;
            taken = false;
            loop = null;
        }
    }

    /** Enters a phase, named for the message ("interrupted while loading data"); unwinds if a signal came. */
    public static void phase(String what) {
        check();
        phase = what;
    }

    /**
     * Enters a phase inside the current one (a data-set reader inside "loading data"): as
     * {@link #phase}, and returns the outer phase for {@link #leave}.
     */
    public static String enter(String what) {
        String outer = phase;
        phase(what);
        return outer;
    }

    /** Back to the phase {@link #enter} returned; no check, so that it can run in a finally block. */
    public static void leave(String outer) {
        phase = outer;
    }

    /** What the message says after the phase: e.g. "resume with: ..." or "nothing to resume"; "" for nothing. */
    public static void advice(Supplier<String> resumeAdvice) {
        advice = resumeAdvice;
    }

    /** Throws {@link Interrupted} if a signal arrived that no one has dealt with yet (cheap: call it in loops). */
    public static void check() {
        if (first != null && !taken) {
            synchronized (LOCK) {
                if (!taken) {
                    taken = true;
                    throw new Interrupted(first + ": " + message(), true);
                }
            }
        }
    }

    /**
     * As {@link #check}, but throws on every call once a signal has come, not only the first: for the
     * threads of a parallel loop, which must all stop (the signal's one line stands for them all).
     */
    public static void checkEveryThread() {
        check();
        if (first != null) {
            throw new Interrupted(first + ": " + message(), true);
        }
    }

    /**
     * The training loop takes the next signal: {@code onSignal} gets its name and must stop the run
     * cleanly; no message or halt from here. Throws {@link Interrupted} if a signal came before.
     */
    public static void handOver(Consumer<String> onSignal) {
        synchronized (LOCK) {
            check();
            loop = onSignal;
        }
    }

    /** Ends {@link #handOver}: later signals are reported with the phase again. */
    public static void takeBack() {
        synchronized (LOCK) {
            loop = null;
        }
    }

    /** The first signal's name, or null. */
    public static String signal() {
        return first;
    }

    private static String message() {
        String more = advice();
        return "interrupted while " + phase + (more.isEmpty() ? "" : "; " + more);
    }

    private static String advice() {
        try {
            return advice.get();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void onSignal(String name, PrintStream err) {
        synchronized (LOCK) {
            if (first != null) {
                String more = advice();
                err.println("retinaj: second " + name + ": stopping at once" + (more.isEmpty() ? "" : "; " + more));
                err.flush();
                Runtime.getRuntime().halt(EXIT_CODE);
            }
            first = name;
            if (loop != null) {
                taken = true;
                loop.accept(name);
                return;
            }
            err.println("retinaj: " + name + ": " + message());
            err.flush();
        }
        Thread watchdog = new Thread(Interrupts::haltUnlessTaken, "retinaj-interrupt");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void haltUnlessTaken() {
        long wait = GRACE_MS;
        while (true) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (LOCK) {
                if (taken) {
                    return;
                }
                if (!inEngine(owner)) {
                    Runtime.getRuntime().halt(EXIT_CODE);
                }
            }
            wait = POLL_MS;
        }
    }

    /** Whether {@code t} is running a native method of DJL's engine bindings (a libtorch op) just now. */
    static boolean inEngine(Thread t) {
        if (t == null || !t.isAlive()) {
            return false;
        }
        StackTraceElement[] stack = t.getStackTrace();
        return stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().startsWith("ai.djl.");
    }
}
