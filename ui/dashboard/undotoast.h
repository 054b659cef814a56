#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace tandem {

// A small non-modal note over the bottom of `host` ("Completed “X”  Undo")
// that hides itself after a few seconds or when dismiss() is called. It
// takes no focus, so the keyboard stays in the list.
class UndoToast final : public QFrame
{
    Q_OBJECT

public:
    explicit UndoToast(QWidget *host);
    Q_DISABLE_COPY_MOVE(UndoToast)

    // Shows `text` (replacing any note showing) for a few seconds.
    void showMessage(const QString &text);
    void dismiss();
    QLabel *label() const { return m_label; }
    QPushButton *undoButton() const { return m_undo; }
    static int timeoutMs();

Q_SIGNALS:
    // The user pressed the note's Undo; the note is already hidden.
    void undoRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QLabel *m_label = nullptr;
    QPushButton *m_undo = nullptr;
    QTimer *m_timer = nullptr;
};

} // namespace tandem
