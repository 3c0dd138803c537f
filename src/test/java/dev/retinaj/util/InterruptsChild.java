package dev.retinaj.util;

/**
 * The process of {@link InterruptsHaltTest}: installs the signal handlers, prints "ready", then for
 * up to 30 s either sleeps without ever checking ({@code sleep}) or checks every 10 ms ({@code check}),
 * printing "unwound" and exiting 130 when the check throws.
 */
public final class InterruptsChild {
    private InterruptsChild() {}

    public static void main(String[] args) throws InterruptedException {
        boolean checks = args[0].equals("check");
        Interrupts.install("waiting in a test");
        Interrupts.advice(() -> "nothing to resume");
        System.out.println("ready");
        System.out.flush();
        long end = System.nanoTime() + 30_000_000_000L;
        try {
            while (System.nanoTime() < end) {
                if (checks) {
                    Interrupts.check();
                }
                Thread.sleep(10);
            }
        } catch (Interrupted e) {
            System.out.println("unwound");
            System.out.flush();
            System.exit(Interrupts.EXIT_CODE);
        }
        System.exit(0);
    }
}
