package dev.briefing.knowledge.summarize;

import java.util.Arrays;

/** A sparse vector over term ids, keys ascending. */
final class Vector {

    static final Vector EMPTY = new Vector(new int[0], new double[0]);

    private final int[] keys;
    private final double[] values;

    private Vector(int[] keys, double[] values) {
        this.keys = keys;
        this.values = values;
    }

    static Vector of(int[] keys, double[] values) {
        return new Vector(keys, values);
    }

    boolean isEmpty() {
        return keys.length == 0;
    }

    double norm() {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    Vector unit() {
        double n = norm();
        if (n == 0) {
            return this;
        }
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] /= n;
        }
        return new Vector(keys, v);
    }

    /** Dot product by merging the sorted keys; the cosine when both are unit vectors. */
    double dot(Vector o) {
        double s = 0;
        int i = 0;
        int j = 0;
        while (i < keys.length && j < o.keys.length) {
            if (keys[i] == o.keys[j]) {
                s += values[i++] * o.values[j++];
            } else if (keys[i] < o.keys[j]) {
                i++;
            } else {
                j++;
            }
        }
        return s;
    }

    /** Sums vectors, each scaled by {@code weight}. */
    static Vector sum(Iterable<Vector> vectors, double weight) {
        java.util.TreeMap<Integer, Double> acc = new java.util.TreeMap<>();
        for (Vector v : vectors) {
            for (int k = 0; k < v.keys.length; k++) {
                acc.merge(v.keys[k], v.values[k] * weight, Double::sum);
            }
        }
        int[] keys = new int[acc.size()];
        double[] values = new double[acc.size()];
        int k = 0;
        for (var e : acc.entrySet()) {
            keys[k] = e.getKey();
            values[k++] = e.getValue();
        }
        return new Vector(keys, values);
    }

    @Override
    public String toString() {
        return Arrays.toString(keys);
    }
}
