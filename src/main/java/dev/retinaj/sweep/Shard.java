package dev.retinaj.sweep;

import dev.retinaj.util.UsageException;

/**
 * {@code --shard i/n}: the share of a sweep's grid one node trains, the runs whose grid index
 * (0-based, in grid order) is i modulo n. Runs resume exactly from their checkpoints, so a node that
 * stops can be started again with the same shard.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new UsageException("--shard " + index + "/" + count + ": expected i/n with 0 <= i < n");
        }
    }

    public static Shard parse(String s) {
        String[] p = s.split("/", -1);
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--shard " + s + ": expected i/n, e.g. 0/4");
    }

    public boolean owns(int gridIndex) {
        return gridIndex % count == index;
    }

    public boolean isAll() {
        return count == 1;
    }
}
