#include "repeateditor.h"

#include "dashboard/tasklabels.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTimeZone>
#include <QToolButton>
#include <QVBoxLayout>

namespace tandem {

namespace {

constexpr quint8 workWeek = 0b0011'1110;

// The user's zone, so a timed due keeps its wall-clock time across DST.
QByteArray userZone()
{
    const QByteArray id = QTimeZone::systemTimeZoneId();
    return QTimeZone::isTimeZoneIdAvailable(id) ? id : QByteArray();
}

} // namespace

RepeatEditor::RepeatEditor(QWidget *parent)
    : QWidget(parent)
    , m_anchor(QDate::currentDate())
{
    m_choice = new QComboBox(this);
    m_choice->setObjectName(QStringLiteral("repeatChoice"));
    m_choice->setAccessibleName(tr("Repeat"));
    m_choice->setFocusPolicy(Qt::StrongFocus);

    m_custom = new QWidget(this);
    m_interval = new QSpinBox(m_custom);
    m_interval->setAccessibleName(tr("Repeat every"));
    m_interval->setPrefix(tr("Every "));
    m_unit = new QComboBox(m_custom);
    m_unit->setAccessibleName(tr("Repeat unit"));
    m_unit->addItem(tr("days"), int(RepeatUnit::Day));
    m_unit->addItem(tr("weeks"), int(RepeatUnit::Week));
    m_unit->addItem(tr("months"), int(RepeatUnit::Month));
    m_unit->addItem(tr("years"), int(RepeatUnit::Year));
    auto *days = new QHBoxLayout;
    days->setSpacing(1);
    for (int day = 1; day <= 7; ++day) {
        auto *button = new QToolButton(m_custom);
        button->setText(QLocale().dayName(day, QLocale::ShortFormat));
        button->setToolTip(QLocale().dayName(day));
        button->setAccessibleName(QLocale().dayName(day));
        button->setCheckable(true);
        button->setAutoRaise(true);
        days->addWidget(button);
        m_weekdays.append(button);
        connect(button, &QToolButton::clicked, this, &RepeatEditor::commitCustom);
    }
    days->addStretch(1);
    auto *line = new QHBoxLayout;
    line->addWidget(m_interval);
    line->addWidget(m_unit, 1);
    auto *customLayout = new QVBoxLayout(m_custom);
    customLayout->setContentsMargins(0, 0, 0, 0);
    customLayout->setSpacing(2);
    customLayout->addLayout(line);
    customLayout->addLayout(days);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_choice);
    layout->addWidget(m_custom);
    m_custom->hide();

    fillChoices();
    connect(m_choice, &QComboBox::activated, this, &RepeatEditor::choose);
    connect(m_interval, &QSpinBox::editingFinished, this, &RepeatEditor::commitCustom);
    connect(m_unit, &QComboBox::activated, this, &RepeatEditor::commitCustom);
}

RepeatRule RepeatEditor::preset(Choice choice) const
{
    RepeatRule rule;
    switch (choice) {
    case Daily:
        rule = RepeatRule::every(RepeatUnit::Day);
        break;
    case Weekdays:
        rule = RepeatRule::every(RepeatUnit::Week);
        rule.weekdays = workWeek;
        break;
    case Weekly:
        rule = RepeatRule::every(RepeatUnit::Week);
        rule.addWeekday(m_anchor.dayOfWeek());
        break;
    case Monthly:
        rule = RepeatRule::every(RepeatUnit::Month);
        rule.monthDay = m_anchor.day();
        break;
    case Yearly:
        rule = RepeatRule::every(RepeatUnit::Year);
        break;
    case None:
    case Custom:
        break;
    }
    rule.timeZone = userZone();
    return rule;
}

void RepeatEditor::fillChoices()
{
    const QSignalBlocker blocker(m_choice);
    m_choice->clear();
    m_choice->addItem(tr("Does not repeat"), int(None));
    for (Choice choice : {Daily, Weekdays, Weekly, Monthly, Yearly})
        m_choice->addItem(repeatLabel(preset(choice)), int(choice));
    m_choice->addItem(tr("Custom…"), int(Custom));
}

void RepeatEditor::setRule(const std::optional<RepeatRule> &rule, const Due &due)
{
    m_rule = rule;
    m_anchor = due.isNone() ? QDate::currentDate() : due.hasTime() ? due.dateTime().toLocalTime().date() : due.date();
    fillChoices();
    int index = 0;
    if (rule) {
        index = m_choice->findData(int(Custom));
        for (Choice choice : {Daily, Weekdays, Weekly, Monthly, Yearly}) {
            RepeatRule candidate = preset(choice);
            candidate.timeZone = rule->timeZone;
            if (candidate == *rule)
                index = m_choice->findData(int(choice));
        }
    }
    // A rule none of the presets is shows its own words on the Custom choice.
    if (rule && m_choice->itemData(index).toInt() == Custom)
        m_choice->setItemText(index, repeatLabel(*rule));
    m_choice->setCurrentIndex(index);
    const RepeatRule shown = rule.value_or(RepeatRule::every(RepeatUnit::Week));
    {
        const QSignalBlocker unitBlocker(m_unit);
        m_unit->setCurrentIndex(m_unit->findData(int(shown.unit)));
    }
    m_interval->setRange(1, RepeatLimits::maxInterval(shown.unit));
    m_interval->setValue(shown.interval);
    for (int day = 1; day <= 7; ++day)
        m_weekdays.at(day - 1)->setChecked(shown.hasWeekday(day));
    showCustom(m_choice->currentData().toInt() == Custom);
}

void RepeatEditor::showCustom(bool shown)
{
    m_custom->setVisible(shown);
    const bool weekly = RepeatUnit(m_unit->currentData().toInt()) == RepeatUnit::Week;
    for (QToolButton *button : std::as_const(m_weekdays))
        button->setVisible(weekly);
}

void RepeatEditor::choose(int index)
{
    const Choice choice = Choice(m_choice->itemData(index).toInt());
    if (choice == Custom) {
        showCustom(true);
        commitCustom();
        return;
    }
    showCustom(false);
    std::optional<RepeatRule> rule;
    if (choice != None)
        rule = preset(choice);
    if (rule == m_rule)
        return;
    m_rule = rule;
    Q_EMIT ruleChosen(rule);
}

void RepeatEditor::commitCustom()
{
    RepeatRule rule;
    rule.unit = RepeatUnit(m_unit->currentData().toInt());
    m_interval->setMaximum(RepeatLimits::maxInterval(rule.unit));
    rule.interval = m_interval->value();
    if (rule.unit == RepeatUnit::Week) {
        for (int day = 1; day <= 7; ++day) {
            if (m_weekdays.at(day - 1)->isChecked())
                rule.addWeekday(day);
        }
    } else if (rule.unit == RepeatUnit::Month) {
        rule.monthDay = m_anchor.day();
    }
    rule.timeZone = userZone();
    showCustom(true);
    if (m_rule == rule)
        return;
    m_rule = rule;
    Q_EMIT ruleChosen(rule);
}

} // namespace tandem
