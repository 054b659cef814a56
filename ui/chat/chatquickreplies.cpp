#include "chatquickreplies.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tandem {

ChatQuickReplies::ChatQuickReplies(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("chatQuickReplies"));
    auto *hint = new QLabel(tr("Quick reply:"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    m_yes = new QPushButton(tr("Yes, go ahead"), this);
    m_yes->setAccessibleName(tr("Answer yes"));
    m_yes->setToolTip(tr("Send “yes”: the assistant goes ahead"));
    m_no = new QPushButton(tr("No, cancel"), this);
    m_no->setAccessibleName(tr("Answer no"));
    m_no->setToolTip(tr("Send “no”: nothing is changed"));
    for (QPushButton *button : {m_yes, m_no}) {
        button->setAutoDefault(false);
        button->setCursor(Qt::PointingHandCursor);
    }

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 0, 8, 0);
    layout->setSpacing(6);
    layout->addWidget(hint);
    layout->addWidget(m_yes);
    layout->addWidget(m_no);
    layout->addStretch(1);

    // The assistant understands English answers whatever the labels' language.
    connect(m_yes, &QPushButton::clicked, this, [this] { Q_EMIT replied(QStringLiteral("Yes")); });
    connect(m_no, &QPushButton::clicked, this, [this] { Q_EMIT replied(QStringLiteral("No")); });
}

} // namespace tandem
