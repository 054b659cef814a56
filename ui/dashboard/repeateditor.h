#pragma once

#include "domain/due.h"
#include "domain/repeat.h"

#include <QList>
#include <QWidget>

#include <optional>

class QComboBox;
class QSpinBox;
class QToolButton;

namespace tandem {

// The detail pane's Repeat control: a list of the common rules (Does not
// repeat, Daily, Every weekday, Weekly on <the due's day>, Monthly on <the
// due's day>, Yearly, Custom…) and, for Custom, an interval, a unit and the
// weekdays. It shows a rule and reports the one the user picks; saving is the
// pane's business.
class RepeatEditor final : public QWidget
{
    Q_OBJECT

public:
    explicit RepeatEditor(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(RepeatEditor)

    // Shows `rule`; the choices' labels follow `due` (today when it has none).
    void setRule(const std::optional<RepeatRule> &rule, const Due &due);
    std::optional<RepeatRule> rule() const { return m_rule; }

    QComboBox *choiceBox() const { return m_choice; }
    QSpinBox *intervalBox() const { return m_interval; }
    QComboBox *unitBox() const { return m_unit; }
    QToolButton *weekdayButton(int weekday) const { return m_weekdays.value(weekday - 1); }

Q_SIGNALS:
    // The user picked or edited a rule (nullopt: does not repeat). Fires once
    // per commit: a pick in the list, or a change to the custom fields.
    void ruleChosen(const std::optional<tandem::RepeatRule> &rule);

private:
    enum Choice { None, Daily, Weekdays, Weekly, Monthly, Yearly, Custom };
    void fillChoices();
    void showCustom(bool shown);
    void choose(int index);
    void commitCustom();
    RepeatRule preset(Choice choice) const;

    QComboBox *m_choice = nullptr;
    QWidget *m_custom = nullptr;
    QSpinBox *m_interval = nullptr;
    QComboBox *m_unit = nullptr;
    QList<QToolButton *> m_weekdays;
    std::optional<RepeatRule> m_rule;
    QDate m_anchor; // the due's date, or today: what "Weekly on …" means
};

} // namespace tandem
