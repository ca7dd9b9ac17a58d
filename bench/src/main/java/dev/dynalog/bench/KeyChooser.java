package dev.dynalog.bench;

import java.util.SplittableRandom;

/** Picks which of {@code n} keys an operation touches: uniformly, or zipfian for hot keys. */
interface KeyChooser {

    long next(SplittableRandom random);

    static KeyChooser of(String distribution, long n) {
        return switch (distribution) {
            case "uniform" -> random -> random.nextLong(n);
            case "zipfian" -> new Zipfian(n, 0.99);
            default -> throw new IllegalArgumentException("unknown distribution " + distribution + " (uniform, zipfian)");
        };
    }

    /**
     * Zipf-distributed ranks in [0, n) by the rejection-free method of Gray et al. (SIGMOD 1994),
     * the generator YCSB's workloads are defined with; rank 0 is the hottest key. The hot keys are
     * spread over the key space by multiplying with a constant coprime to {@code n}, modulo
     * {@code n}: a bijection, so every key can be drawn, and neighbouring ranks land far apart.
     */
    final class Zipfian implements KeyChooser {
        private final long n;
        private final double theta;
        private final double zetaN;
        private final double alpha;
        private final double eta;
        private final long spread;

        Zipfian(long n, double theta) {
            this.n = n;
            this.theta = theta;
            double zeta2 = zeta(2, theta);
            this.zetaN = zeta(n, theta);
            this.alpha = 1.0 / (1.0 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
            this.spread = coprimeNear(n, (long) (n * 0.6180339887));
        }

        /** The first number at or above {@code from} (at least 1) that shares no factor with {@code n}. */
        static long coprimeNear(long n, long from) {
            long c = Math.max(1, from);
            while (gcd(c, n) != 1) {
                c++;
            }
            return c;
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        private static double zeta(long n, double theta) {
            double sum = 0;
            for (long i = 1; i <= n; i++) {
                sum += 1 / Math.pow(i, theta);
            }
            return sum;
        }

        @Override
        public long next(SplittableRandom random) {
            double u = random.nextDouble();
            double uz = u * zetaN;
            long rank;
            if (uz < 1.0) {
                rank = 0;
            } else if (uz < 1.0 + Math.pow(0.5, theta)) {
                rank = 1;
            } else {
                rank = (long) (n * Math.pow(eta * u - eta + 1, alpha));
            }
            return key(rank);
        }

        /** The key of a rank; rank and spread are below 2n, so the product fits for any key count a bench uses. */
        long key(long rank) {
            return Math.floorMod(Math.multiplyExact(rank, spread), n);
        }
    }
}
