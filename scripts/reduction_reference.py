#!/usr/bin/python3
"""Closed forms of the canonical one-shot crisis game (docs/MODEL.md, "Reduction"), computed
with scipy independently of detsim's C++ code. tests/engine/reduction_test.cpp cites the values
this prints; run it to re-derive them:  /usr/bin/python3 scripts/reduction_reference.py

P(attack) = P(r_c > r*),  r* = 1 - V (1 - p (1 - pi)) / (p w)
  where p = P_cred(r >= theta - a) and pi = c_c / (c_c + c_t + defend c_g);
P(war) = P(attack) P_true(r_g >= theta - a);  P(back down) = P(attack) - P(war).
"""
from scipy import stats


def beta(mean, k):
    return stats.beta(mean * k, (1 - mean) * k)


def truncnorm(mean, sd, lo, hi):
    return stats.truncnorm((lo - mean) / sd, (hi - mean) / sd, loc=mean, scale=sd)


def triangular(lo, mode, hi):
    return stats.triang((mode - lo) / (hi - lo), loc=lo, scale=hi - lo)


def point(value):
    class Point:
        def sf(self, x):
            return 1.0 if value >= x else 0.0  # P(r >= x) for a point mass

        def cdf(self, x):
            return 1.0 if x >= value else 0.0
    return Point()


POINTS = {
    "A": dict(V=1.0, w=1.5, cc=1.0, ct=0.4, cg=2.5, defend=0.6, a=0.2, theta=0.7,
              challenger=beta(0.6, 20), guarantor=beta(0.55, 10), credibility=beta(0.6, 8)),
    "B": dict(V=1.0, w=2.0, cc=1.0, ct=0.5, cg=1.5, defend=1.0, a=0.0, theta=0.6,
              challenger=truncnorm(0.5, 0.2, 0.0, 1.0), guarantor=stats.uniform(0.2, 0.7),
              credibility=stats.uniform(0.3, 0.6)),
    "C": dict(V=1.5, w=3.0, cc=1.0, ct=0.3, cg=2.0, defend=0.5, a=0.35, theta=0.8,
              challenger=triangular(0.2, 0.5, 0.9), guarantor=beta(0.4, 6),
              credibility=point(0.5)),
    "D": dict(V=1.0, w=6.0, cc=1.0, ct=0.4, cg=3.0, defend=0.3, a=0.1, theta=0.7,
              challenger=beta(0.7, 12), guarantor=triangular(0.3, 0.6, 1.0),
              credibility=triangular(0.2, 0.55, 0.95)),
}


def closed_form(V, w, cc, ct, cg, defend, a, theta, challenger, guarantor, credibility):
    p = credibility.sf(theta - a)
    pi = cc / (cc + ct + defend * cg)
    threshold = 1 - V * (1 - p * (1 - pi)) / (p * w)
    attack = challenger.sf(threshold)
    honor = guarantor.sf(theta - a)
    return dict(p=p, pi=pi, threshold=threshold, attack=attack, war=attack * honor,
                back_down=attack * (1 - honor))


if __name__ == "__main__":
    for name, params in POINTS.items():
        r = closed_form(**params)
        print(name, " ".join(f"{k}={v:.10f}" for k, v in r.items()))
