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
     * spread over the key space by a fixed multiplicative hash so they do not share a partition.
     */
    final class Zipfian implements KeyChooser {
        private final long n;
        private final double theta;
        private final double zetaN;
        private final double alpha;
        private final double eta;

        Zipfian(long n, double theta) {
            this.n = n;
            this.theta = theta;
            double zeta2 = zeta(2, theta);
            this.zetaN = zeta(n, theta);
            this.alpha = 1.0 / (1.0 - theta);
            this.eta = (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
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
            return Math.floorMod(rank * 0x9E3779B97F4A7C15L, n);
        }
    }
}
