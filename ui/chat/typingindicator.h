#pragma once

#include <QTimer>
#include <QWidget>

namespace tandem {

// "The assistant is writing": three dots in an assistant-coloured bubble,
// pulsing while the widget is shown (the timer stops when it is hidden).
class TypingIndicator final : public QWidget
{
    Q_OBJECT

public:
    explicit TypingIndicator(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(TypingIndicator)

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QTimer m_timer;
    int m_phase = 0;
};

} // namespace tandem
