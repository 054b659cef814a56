// The printing half of bench_assistant: tables per phase, the split of a
// full turn, and the RESULT lines a script can read.

#pragma once

#include "measure.h"

#include <functional>

namespace tandem::bench {

std::vector<double> millis(const std::vector<Sample> &samples, const std::function<bool(const Sample &)> &keep,
                           double Sample::*field = &Sample::ms);
bool any(const Sample &);
bool readsOnly(const Sample &s);
bool writes(const Sample &s);

void printRow(const QString &label, const Stats &stats, double scale, int decimals, const QString &extra = {});
void printOutcomes(const std::vector<Sample> &samples);
void printByIntent(const std::vector<Sample> &samples, double scale, int decimals);
// The engine-alone table: one row per kind of message, cold and warm side by side (us).
void printEngine(const QString &title, const std::vector<Sample> &cold, const std::vector<Sample> &warm, double aimMs);
QString kv(const QString &key, double value, int decimals);

struct TurnFigures
{
    Stats all;
    Stats cpu;
    Stats reads;
    Stats writes;
    Stats refresh;
    Stats edit;
};

TurnFigures printTurns(const Environment &env, const std::vector<Sample> &samples, const Options &options);
QString turnResult(const Environment &env, const TurnFigures &f, const Options &options);
// Where a full turn's time goes: the turn on disk beside the engine alone
// (warm and cold bound it: a turn's caches are somewhere between), the same
// turns on tmpfs (no fsync), and the single durable edit.
void printSplit(const TurnFigures &disk, const TurnFigures *tmpfs, const Stats &warm, const Stats *cold,
                const Stats *writeEngine);

} // namespace tandem::bench
