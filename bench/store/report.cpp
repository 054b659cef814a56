#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tandem::bench {

namespace {

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
}

QString aim(bool met)
{
    return met ? QStringLiteral("met") : QStringLiteral("NOT met");
}

} // namespace

double Round::ratio() const
{
    const double tandemPerUnit = tandem.units > 0 ? tandem.seconds / tandem.units : 0;
    const double plainPerUnit = plain.units > 0 ? plain.seconds / plain.units : 0;
    return plainPerUnit > 0 ? tandemPerUnit / plainPerUnit : 0;
}

double Round::cpuRatio() const
{
    const double plainPerUnit = plain.cpuMicrosecondsPerUnit();
    return plainPerUnit > 0 ? tandem.cpuMicrosecondsPerUnit() / plainPerUnit : 0;
}

const Round &Figure::medianRound() const
{
    std::vector<std::size_t> order(rounds.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return rounds[a].ratio() < rounds[b].ratio(); });
    return rounds[order[order.size() / 2]];
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

void printFigure(const Figure &figure, double ratioAim, double p99AimMs)
{
    const Round &median = figure.medianRound();
    const QString tandemHeader = QStringLiteral("tandem %1/s").arg(figure.unit);
    const QString plainHeader = QStringLiteral("plain %1/s").arg(figure.unit);
    print(QStringLiteral("  round   %1   %2   ratio   tandem cpu us   plain cpu us   cpu ratio")
              .arg(tandemHeader, plainHeader));
    for (std::size_t i = 0; i < figure.rounds.size(); ++i) {
        const Round &round = figure.rounds[i];
        print(QStringLiteral("  %1 %2 %3 %4 %5 %6 %7%8")
                  .arg(i + 1, 5)
                  .arg(number(round.tandem.perSecond(), 1), tandemHeader.size() + 3)
                  .arg(number(round.plain.perSecond(), 1), plainHeader.size() + 3)
                  .arg(number(round.ratio(), 3), 7)
                  .arg(number(round.tandem.cpuMicrosecondsPerUnit(), 1), 15)
                  .arg(number(round.plain.cpuMicrosecondsPerUnit(), 1), 14)
                  .arg(number(round.cpuRatio(), 3), 11)
                  .arg(&round == &median ? QStringLiteral("  <- median") : QString()));
    }
    const double ratio = median.ratio();
    print(QStringLiteral("  median round: Tandem %1 %2/s, plain %3 %2/s; Tandem takes %4x the plain loop's time "
                         "(aim <= %5: %6)")
              .arg(number(median.tandem.perSecond(), 1), figure.unit, number(median.plain.perSecond(), 1),
                   number(ratio, 3), number(ratioAim, 2), aim(ratio <= ratioAim)));
    if (figure.tandemMs.empty())
        return;
    const double tandemP99 = percentile(figure.tandemMs, 99);
    print(QStringLiteral("  latency per %1 over all rounds: Tandem p50 %2 ms, p99 %3 ms; plain p50 %4 ms, p99 %5 ms")
              .arg(figure.operation == u"single_edit" ? QStringLiteral("edit") : QStringLiteral("batch"),
                   number(percentile(figure.tandemMs, 50), 3), number(tandemP99, 3),
                   number(percentile(figure.plainMs, 50), 3), number(percentile(figure.plainMs, 99), 3)));
    if (p99AimMs > 0)
        print(QStringLiteral("  Tandem commit p99 %1 ms (aim <= %2 ms: %3)")
                  .arg(number(tandemP99, 3), number(p99AimMs, 1), aim(tandemP99 <= p99AimMs)));
}

QString resultLine(const Figure &figure)
{
    const Round &median = figure.medianRound();
    const QString perSecond
        = figure.operation == u"single_edit" ? QStringLiteral("ops_per_s") : QStringLiteral("rows_per_s");
    QString line = QStringLiteral("RESULT %1 %2 tandem_%3=%4 plain_%3=%5 ratio=%6")
                       .arg(figure.engine, figure.operation, perSecond, number(median.tandem.perSecond(), 1),
                            number(median.plain.perSecond(), 1), number(median.ratio(), 3));
    line += QStringLiteral(" tandem_cpu_us=%1 plain_cpu_us=%2 cpu_ratio=%3")
                .arg(number(median.tandem.cpuMicrosecondsPerUnit(), 1),
                     number(median.plain.cpuMicrosecondsPerUnit(), 1), number(median.cpuRatio(), 3));
    if (!figure.tandemMs.empty()) {
        line += QStringLiteral(" tandem_p50_ms=%1 tandem_p99_ms=%2 plain_p50_ms=%3 plain_p99_ms=%4")
                    .arg(number(percentile(figure.tandemMs, 50), 3), number(percentile(figure.tandemMs, 99), 3),
                         number(percentile(figure.plainMs, 50), 3), number(percentile(figure.plainMs, 99), 3));
    }
    line += QStringLiteral(" rounds=%1 %2_per_round=%3")
                .arg(figure.rounds.size())
                .arg(figure.unit)
                .arg(figure.rounds.empty() ? 0 : figure.rounds.front().tandem.units);
    return line;
}

} // namespace tandem::bench
