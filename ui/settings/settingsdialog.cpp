#include "settingsdialog.h"

#include "accountpage.h"
#include "appearancepage.h"
#include "assistantpage.h"
#include "common/themecolors.h"
#include "generalpage.h"
#include "notificationspage.h"
#include "syncpage.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int listWidth = 170;
constexpr QSize dialogDefaultSize(820, 580);
constexpr QSize dialogMinimumSize(720, 500);

// An error label that keeps its colour right when the theme changes.
class ErrorLabel final : public QLabel
{
public:
    explicit ErrorLabel(QWidget *parent)
        : QLabel(parent)
    {
        setObjectName(QStringLiteral("settingsError"));
        setWordWrap(true);
        setTextFormat(Qt::PlainText);
        recolor();
    }

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::PaletteChange && !m_recoloring)
            recolor();
        QLabel::changeEvent(event);
    }

private:
    void recolor()
    {
        m_recoloring = true;
        QPalette own = palette();
        own.setColor(QPalette::WindowText, themecolors::danger(own));
        setPalette(own);
        m_recoloring = false;
    }

    bool m_recoloring = false;
};
} // namespace

SettingsDialog::SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner,
                               const QString &serverStatus, const QUrl &serverUrl, QWidget *parent,
                               Appearance *appearance, const QString &dataLocation)
    : QDialog(parent)
{
    setWindowTitle(tr("Tandem Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("settingsPages"));
    m_list->setAccessibleName(tr("Settings pages"));
    m_list->setFixedWidth(listWidth);
    m_list->setIconSize(QSize(20, 20));
    m_list->setSpacing(2);
    m_stack = new QStackedWidget(this);

    m_general = new GeneralPage(dataLocation, this);
    m_appearance = new AppearancePage(appearance, this);
    m_notifications = new NotificationsPage(this);
    m_assistant = new AssistantPage(this);
    m_sync = new SyncPage(accounts, runner, owner, serverStatus, serverUrl, this);
    m_account = new AccountPage(accounts, runner, owner, this);
    addPage(m_general, QStringLiteral("preferences-system"));
    addPage(m_appearance, QStringLiteral("preferences-desktop-theme"));
    addPage(m_notifications, QStringLiteral("preferences-desktop-notification"));
    addPage(m_assistant, QStringLiteral("user-available"));
    addPage(m_sync, QStringLiteral("network-workgroup"));
    addPage(m_account, QStringLiteral("system-users"));

    m_error = new ErrorLabel(this);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);

    auto *pageSide = new QVBoxLayout;
    pageSide->addWidget(m_stack, 1);
    pageSide->addWidget(m_error);
    auto *body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addLayout(pageSide, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);

    setMinimumSize(dialogMinimumSize);
    resize(dialogDefaultSize);

    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(m_assistant, &AssistantPage::keyChanged, this, &SettingsDialog::assistantSettingsChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    m_list->setCurrentRow(0);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addPage(SettingsPage *page, const QString &icon)
{
    auto *item = new QListWidgetItem(QIcon::fromTheme(icon), page->title(), m_list);
    item->setToolTip(page->title());
    item->setSizeHint(QSize(listWidth - 8, 32));
    page->setAccessibleName(page->title());
    m_stack->addWidget(page);
    m_pages.append(page);
}

DevicesPage *SettingsDialog::devicesPage() const
{
    return m_sync->devicesPage();
}

void SettingsDialog::showPage(SettingsPage *page)
{
    m_list->setCurrentRow(int(m_pages.indexOf(page)));
}

SettingsPage *SettingsDialog::currentPage() const
{
    return m_pages.value(m_stack->currentIndex());
}

QString SettingsDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void SettingsDialog::setLlmKeychainEntry(const QString &service, const QString &key)
{
    m_assistant->setKeychainEntry(service, key);
}

void SettingsDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setToolTip(message);
    m_error->setVisible(!message.isEmpty());
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    for (SettingsPage *page : std::as_const(m_pages)) {
        QWidget *focus = nullptr;
        if (const QString problem = page->problem(&focus); !problem.isEmpty()) {
            showPage(page);
            showError(problem);
            if (focus)
                focus->setFocus();
            return;
        }
    }
    if (!m_assistant->hasNewKey()) {
        commit();
        return;
    }
    // The key goes to the keychain first: if it cannot be kept, nothing is saved.
    m_saving = true;
    m_ok->setEnabled(false);
    m_assistant->storeNewKey([this](const QString &error) {
        m_saving = false;
        m_ok->setEnabled(true);
        if (!error.isEmpty()) {
            showPage(m_assistant);
            showError(tr("Nothing was saved: %1").arg(error));
            return;
        }
        commit();
    });
}

void SettingsDialog::commit()
{
    QSettings settings;
    int changes = SettingsPage::NoChange;
    for (SettingsPage *page : std::as_const(m_pages))
        changes |= page->save(settings);
    showError({});
    if (changes & SettingsPage::ServerChanged)
        Q_EMIT serverSettingsChanged();
    if (changes & SettingsPage::AssistantChanged)
        Q_EMIT assistantSettingsChanged();
    QDialog::accept();
}

void SettingsDialog::reject()
{
    for (SettingsPage *page : std::as_const(m_pages))
        page->discard();
    QDialog::reject();
}

} // namespace tandem
