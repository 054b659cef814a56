#pragma once

#include <QString>

#include <vector>

namespace tandem::bench {

// One side's share of a round: `units` edits or import rows in `seconds`.
struct SideRun
{
    double seconds = 0;
    double cpuSeconds = 0; // this process's CPU time: client-side work (and SQLite's own)
    int units = 0;
    double perSecond() const { return seconds > 0 ? units / seconds : 0; }
    double cpuMicrosecondsPerUnit() const { return units > 0 ? cpuSeconds * 1e6 / units : 0; }
};

struct Round
{
    SideRun tandem;
    SideRun plain;
    // Tandem's time per unit over the plain loop's: above 1 is Tandem's overhead.
    double ratio() const;
    // The same for CPU time in this process: the overhead without the disk's noise.
    double cpuRatio() const;
};

// One operation on one engine: every round, and each side's per-operation
// latencies over all timed rounds.
struct Figure
{
    QString engine; // "sqlite", "postgres"
    QString operation; // "single_edit", "batch_import"
    QString unit; // "edits", "rows"
    std::vector<Round> rounds;
    std::vector<double> tandemMs;
    std::vector<double> plainMs;

    const Round &medianRound() const; // the round with the median ratio
};

// Nearest-rank percentile of `values` (0 < p <= 100); 0 when empty.
double percentile(std::vector<double> values, double p);

// The human-readable table for `figure`, with the aims the issue sets.
void printFigure(const Figure &figure, double ratioAim, double p99AimMs);
// RESULT <engine> <operation> key=value ... on one line.
QString resultLine(const Figure &figure);

} // namespace tandem::bench
