package dev.guardrails.scanner.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * One slice of an audit, so N jobs (a Kubernetes Indexed Job, a CI matrix) can split the repos:
 * shard {@code index} of {@code count} takes every {@code count}-th repo starting at {@code index}.
 * Merging the shards' JSON gives the whole audit.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be INDEX/COUNT with 0 <= INDEX < COUNT, got " + index + "/" + count);
        }
    }

    /** Parses {@code INDEX/COUNT}, e.g. {@code 0/4}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("shard must be INDEX/COUNT, e.g. 0/4: " + text);
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shard must be INDEX/COUNT, e.g. 0/4: " + text, e);
        }
    }

    /** This shard's repos, in input order. */
    public <T> List<T> select(List<T> all) {
        List<T> out = new ArrayList<>();
        for (int i = index; i < all.size(); i += count) {
            out.add(all.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
