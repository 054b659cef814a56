#include "undotoast.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace tandem {

namespace {
constexpr int toastMs = 5'000;
constexpr int margin = 12;
} // namespace

UndoToast::UndoToast(QWidget *host)
    : QFrame(host)
{
    setObjectName(QStringLiteral("undoToast"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    setFocusPolicy(Qt::NoFocus);

    m_label = new QLabel(this);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setForegroundRole(QPalette::ToolTipText);
    m_undo = new QPushButton(tr("Undo"), this);
    m_undo->setFocusPolicy(Qt::NoFocus);
    m_undo->setFlat(true);
    m_undo->setCursor(Qt::PointingHandCursor);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(margin, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_undo);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    m_timer->setInterval(toastMs);
    connect(m_timer, &QTimer::timeout, this, &UndoToast::dismiss);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        dismiss();
        Q_EMIT undoRequested();
    });
    host->installEventFilter(this);
    hide();
}

int UndoToast::timeoutMs()
{
    return toastMs;
}

void UndoToast::showMessage(const QString &text)
{
    m_label->setText(text);
    place();
    show();
    raise();
    m_timer->start();
}

void UndoToast::dismiss()
{
    m_timer->stop();
    hide();
}

bool UndoToast::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize && isVisible())
        place();
    return QFrame::eventFilter(watched, event);
}

void UndoToast::place()
{
    const QWidget *host = parentWidget();
    adjustSize();
    const int width = qMin(qMax(sizeHint().width(), 280), host->width() - 2 * margin);
    resize(width, sizeHint().height());
    move((host->width() - width) / 2, host->height() - height() - margin);
}

} // namespace tandem
