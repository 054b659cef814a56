#include "settingsdialog.h"

#include "domain/settingsschema.h"

#include "assistant/llmengine.h"
#include "assistant/llmsettings.h"
#include "auth/accountservice.h"
#include "common/backgroundrunner.h"
#include "devicespage.h"
#include "sync/serveroptions.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <chrono>

namespace tandem {

namespace {
constexpr qsizetype shownAnswerLength = 60;

// An AI model setting's error, naming the field as the dialog labels it.
QString llmErrorText(const Error &error)
{
    if (error.field == u"assistant/endpoint")
        return SettingsDialog::tr("AI model endpoint: %1").arg(error.message);
    if (error.field == u"assistant/model")
        return SettingsDialog::tr("AI model: the model name %1").arg(error.message);
    if (error.field == u"assistant/timeoutSeconds")
        return SettingsDialog::tr("AI model timeout: %1").arg(error.message);
    return error.toString();
}
} // namespace

SettingsDialog::SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner,
                               const QString &serverStatus, const QUrl &serverUrl, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_runner(runner)
    , m_owner(owner)
    , m_serverUrl(serverUrl)
{
    setWindowTitle(tr("Tandem Settings"));
    const AppSettings settings;

    // Sharing
    auto *sharing = new QGroupBox(tr("Sync and web access"), this);
    auto *status = new QLabel(serverStatus, sharing);
    status->setWordWrap(true);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lan = new QCheckBox(tr("Let phones and other computers on my network connect"), sharing);
    m_lan->setChecked(settings.value(Settings::serverLan));
    m_lanConfirmed = m_lan->isChecked();
    m_port = new QSpinBox(sharing);
    // The same range the setting and --port take; 0 lets the system choose.
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setValue(settings.value(Settings::serverPort));
    m_origins = new QPlainTextEdit(sharing);
    m_origins->setPlaceholderText(
        tr("Other web addresses allowed to use Tandem, one per line\n(e.g. https://tasks.example.org)"));
    m_origins->setPlainText(settings.value(Settings::serverAllowedOrigins).join(u'\n'));
    m_origins->setMaximumHeight(80);
    auto *sharingForm = new QFormLayout(sharing);
    sharingForm->addRow(status);
    sharingForm->addRow(m_lan);
    auto *clearTextWarning
        = new QLabel(tr("⚠ Without a TLS certificate, passwords and tasks cross your network in clear text."), sharing);
    clearTextWarning->setObjectName(QStringLiteral("clearTextWarning"));
    clearTextWarning->setWordWrap(true);
    const bool encrypted = serverUrl.scheme() == u"https";
    clearTextWarning->setVisible(m_lan->isChecked() && !encrypted);
    connect(m_lan, &QCheckBox::toggled, clearTextWarning,
            [clearTextWarning, encrypted](bool on) { clearTextWarning->setVisible(on && !encrypted); });
    sharingForm->addRow(clearTextWarning);
    sharingForm->addRow(tr("Port:"), m_port);
    sharingForm->addRow(tr("Allowed origins:"), m_origins);

    // Account
    auto *account = new QGroupBox(tr("Your account"), this);
    auto *username = new QLabel(tr("Sign in from elsewhere as <b>%1</b>").arg(owner.username.toHtmlEscaped()), account);
    username->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_password = new QLineEdit(account);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("At least 8 characters"));
    m_confirm = new QLineEdit(account);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_setPassword = new QPushButton(tr("Set Password"), account);
    m_passwordStatus = new QLabel(account);
    m_passwordStatus->setWordWrap(true);
    m_invite = new QLineEdit(account);
    m_invite->setReadOnly(true);
    m_invite->setPlaceholderText(tr("A single-use code, valid for 7 days"));
    m_createInvite = new QPushButton(tr("Create Invite Code"), account);
    auto *copyInvite = new QPushButton(tr("Copy"), account);
    auto *accountForm = new QFormLayout(account);
    accountForm->addRow(username);
    auto *passwordNote
        = new QLabel(tr("A password lets you sign in from the web page and other devices. To sign in without one, "
                        "pair the device in Devices."),
                     account);
    passwordNote->setWordWrap(true);
    accountForm->addRow(passwordNote);
    accountForm->addRow(tr("New password:"), m_password);
    accountForm->addRow(tr("Repeat it:"), m_confirm);
    accountForm->addRow(m_setPassword, m_passwordStatus);
    accountForm->addRow(
        new QLabel(tr("Someone else can create an account on this Tandem with an invite code."), account));
    auto *inviteRow = new QHBoxLayout;
    inviteRow->addWidget(m_invite, 1);
    inviteRow->addWidget(copyInvite);
    accountForm->addRow(m_createInvite, inviteRow);

    QWidget *llm = createLlmSection();

    m_error = new QLabel(this);
    m_error->setForegroundRole(QPalette::BrightText);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    auto *sharingPage = new QWidget(this);
    auto *sharingLayout = new QVBoxLayout(sharingPage);
    sharingLayout->addWidget(sharing);
    sharingLayout->addWidget(account);
    sharingLayout->addStretch(1);
    m_devicesPage = new DevicesPage(accounts, runner, owner, this);
    m_devicesPage->setServer(serverUrl, m_lan->isChecked());
    auto *llmPage = new QWidget(this);
    auto *llmLayout = new QVBoxLayout(llmPage);
    llmLayout->addWidget(llm);
    llmLayout->addStretch(1);
    m_pages = new QTabWidget(this);
    m_pages->addTab(sharingPage, tr("Sharing"));
    m_pages->addTab(m_devicesPage, tr("Devices"));
    m_pages->addTab(llmPage, tr("AI Model"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_lan, &QCheckBox::toggled, this, &SettingsDialog::onLanToggled);
    connect(m_setPassword, &QPushButton::clicked, this, &SettingsDialog::setPassword);
    connect(m_createInvite, &QPushButton::clicked, this, &SettingsDialog::createInvite);
    connect(copyInvite, &QPushButton::clicked, this, [this] {
        if (!m_invite->text().isEmpty())
            QApplication::clipboard()->setText(m_invite->text());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

QWidget *SettingsDialog::createLlmSection()
{
    const AppSettings settings;
    auto *box = new QGroupBox(tr("AI model (optional)"), this);
    auto *about = new QLabel(tr("Any OpenAI-compatible server: a local Ollama, llama.cpp or LM Studio, or OpenAI. "
                                "Your chat messages and task titles are sent to it. Without it, or when it fails, "
                                "the built-in assistant answers."),
                             box);
    about->setWordWrap(true);
    m_llmEnabled = new QCheckBox(tr("Answer chat messages with an AI model"), box);
    m_llmEnabled->setChecked(settings.value(Settings::assistantEnabled));
    m_llmEndpoint = new QLineEdit(settings.value(Settings::assistantEndpoint), box);
    m_llmEndpoint->setObjectName(QStringLiteral("llmEndpoint"));
    m_llmEndpoint->setPlaceholderText(QStringLiteral("http://localhost:11434/v1"));
    m_llmModel = new QLineEdit(settings.value(Settings::assistantModel), box);
    m_llmModel->setObjectName(QStringLiteral("llmModel"));
    m_llmModel->setPlaceholderText(QStringLiteral("llama3.1"));
    m_llmKey = new QLineEdit(box);
    m_llmKey->setObjectName(QStringLiteral("llmApiKey"));
    m_llmKey->setEchoMode(QLineEdit::Password);
    m_llmKey->setPlaceholderText(tr("Leave empty to keep the stored key; a local model needs none"));
    m_llmTest = new QPushButton(tr("Test Connection"), box);
    m_llmRemoveKey = new QPushButton(tr("Remove Stored Key"), box);
    m_llmStatus = new QLabel(box);
    m_llmStatus->setObjectName(QStringLiteral("llmStatus"));
    m_llmStatus->setWordWrap(true);
    m_llmStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout(box);
    form->addRow(about);
    form->addRow(m_llmEnabled);
    form->addRow(tr("Endpoint:"), m_llmEndpoint);
    form->addRow(tr("Model:"), m_llmModel);
    form->addRow(tr("API key:"), m_llmKey);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_llmTest);
    actions->addWidget(m_llmRemoveKey);
    actions->addStretch();
    form->addRow(actions);
    form->addRow(m_llmStatus);

    connect(m_llmTest, &QPushButton::clicked, this, &SettingsDialog::testLlmConnection);
    connect(m_llmRemoveKey, &QPushButton::clicked, this, &SettingsDialog::removeLlmKey);
    return box;
}

void SettingsDialog::setLlmKeychainEntry(const QString &service, const QString &key)
{
    m_keychainService = service;
    m_keychainEntry = key;
}

assistant::LlmKeyStore *SettingsDialog::newKeyStore()
{
    // One store per operation, so each answer is told apart; it goes once answered.
    auto *store = new assistant::LlmKeyStore(this);
    if (!m_keychainService.isEmpty())
        store->setKeychainEntry(m_keychainService, m_keychainEntry);
    return store;
}

Result<assistant::LlmSettings> SettingsDialog::llmSettings() const
{
    assistant::LlmSettings llm;
    const QSettings stored;
    if (const auto previous = assistant::LlmSettings::load(stored))
        llm.timeoutSeconds = previous->timeoutSeconds; // not in the dialog: kept as it is
    llm.enabled = m_llmEnabled->isChecked();
    llm.model = m_llmModel->text().trimmed();
    if (const QString endpoint = m_llmEndpoint->text().trimmed(); !endpoint.isEmpty()) {
        auto url = assistant::LlmSettings::parseEndpoint(endpoint);
        if (!url)
            return url.error();
        llm.endpoint = url.value();
    }
    if (auto valid = llm.validate(); !valid)
        return valid.error();
    return llm;
}

void SettingsDialog::testLlmConnection()
{
    // Whether or not the model is enabled: the test is how one decides.
    assistant::LlmSettings llm;
    if (const auto stored = assistant::LlmSettings::load(QSettings()))
        llm.timeoutSeconds = stored->timeoutSeconds;
    auto endpoint = assistant::LlmSettings::parseEndpoint(m_llmEndpoint->text());
    if (!endpoint) {
        m_llmStatus->setText(llmErrorText(endpoint.error()));
        return;
    }
    llm.endpoint = endpoint.value();
    llm.model = m_llmModel->text().trimmed();
    if (llm.model.isEmpty()) {
        m_llmStatus->setText(tr("Enter the model's name first (for example llama3.1)."));
        return;
    }
    m_llmTest->setEnabled(false);
    m_llmStatus->setText(tr("Testing the connection…"));
    if (const QString key = m_llmKey->text().trimmed(); !key.isEmpty()) {
        probeLlm(llm, key, {});
        return;
    }
    auto *store = newKeyStore();
    connect(store, &assistant::LlmKeyStore::loaded, this, [this, store, llm](const QString &key) {
        store->deleteLater();
        probeLlm(llm, key, key.isEmpty() ? tr("(No API key is stored.)") : QString());
    });
    connect(store, &assistant::LlmKeyStore::failed, this, [this, store, llm](const Error &error) {
        store->deleteLater();
        probeLlm(llm, {}, tr("(Tried without a key: %1)").arg(error.message));
    });
    store->load();
}

void SettingsDialog::probeLlm(const assistant::LlmSettings &settings, const QString &apiKey, const QString &note)
{
    m_llmProbe = std::make_unique<assistant::LlmEngine>(settings.config(apiKey));
    const QString model = settings.model;
    m_llmProbe->testConnection(this, [this, model, note](const Result<QString> &answer) {
        m_llmTest->setEnabled(true);
        QString text = answer
            ? tr("Connected: %1 answered “%2”.").arg(model, answer->simplified().left(shownAnswerLength))
            : answer.error().message;
        if (!note.isEmpty())
            text += u' ' + note;
        m_llmStatus->setText(text);
    });
}

void SettingsDialog::removeLlmKey()
{
    m_llmRemoveKey->setEnabled(false);
    auto *store = newKeyStore();
    connect(store, &assistant::LlmKeyStore::removed, this, [this, store] {
        store->deleteLater();
        m_llmRemoveKey->setEnabled(true);
        m_llmStatus->setText(tr("The stored API key was removed."));
        Q_EMIT assistantSettingsChanged();
    });
    connect(store, &assistant::LlmKeyStore::failed, this, [this, store](const Error &error) {
        store->deleteLater();
        m_llmRemoveKey->setEnabled(true);
        m_llmStatus->setText(error.message);
    });
    store->remove();
}

void SettingsDialog::onLanToggled(bool checked)
{
    if (!checked || m_lanConfirmed)
        return;
    // Warn before opening up: asynchronous, no nested event loop.
    const QString clearText = m_serverUrl.scheme() == u"https"
        ? tr("Connections use this server's TLS certificate, so passwords and tasks are encrypted on the way.")
        : tr("Without a TLS certificate (tandem --tls-cert and --tls-key), passwords, pairing codes and your tasks "
             "cross the network in clear text: anyone who can watch the network can read them.");
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Allow network access?"),
                                tr("Anyone on your network will be able to reach Tandem's sign-in page at this "
                                   "computer's address. They can only create an account with an invite code you "
                                   "give them, and you can only sign in from elsewhere once your account has a "
                                   "password or a paired device.\n\n%1\n\nOnly do this on a network you trust, "
                                   "such as your home network.")
                                    .arg(clearText),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Allow Network Access"), QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        m_lanConfirmed = box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole;
        if (!m_lanConfirmed) {
            const QSignalBlocker blocker(m_lan);
            m_lan->setChecked(false);
        }
    });
    box->open();
}

void SettingsDialog::setPassword()
{
    const QString password = m_password->text();
    if (password != m_confirm->text()) {
        m_passwordStatus->setText(tr("The two passwords differ."));
        return;
    }
    m_setPassword->setEnabled(false);
    m_passwordStatus->setText(tr("Saving…"));
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner, password] { return accounts->setPassword(owner, password); },
        [this](const Result<void> &result) {
            m_setPassword->setEnabled(true);
            if (result) {
                m_password->clear();
                m_confirm->clear();
                m_passwordStatus->setText(tr("Password set."));
            } else {
                m_passwordStatus->setText(result.error().message);
            }
        });
}

void SettingsDialog::createInvite()
{
    m_createInvite->setEnabled(false);
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner] { return accounts->issueInvite(owner, std::chrono::hours(24 * 7)); },
        [this](const Result<QString> &code) {
            m_createInvite->setEnabled(true);
            if (code)
                m_invite->setText(code.value());
            else
                m_invite->setPlaceholderText(code.error().message);
        });
}

QStringList SettingsDialog::origins(QStringList *invalid) const
{
    QStringList valid;
    const QStringList lines = m_origins->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString origin = line.trimmed();
        if (origin.isEmpty())
            continue;
        if (sync::isOrigin(origin))
            valid.append(origin);
        else if (invalid)
            invalid->append(origin);
    }
    return valid;
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    QStringList invalid;
    (void)origins(&invalid);
    if (!invalid.isEmpty()) {
        m_error->setText(tr("These are not web origins (like https://tasks.example.org:8443): %1")
                             .arg(invalid.join(QStringLiteral(", "))));
        m_error->show();
        return;
    }
    auto llm = llmSettings();
    if (!llm) {
        m_error->setText(llmErrorText(llm.error()));
        m_error->show();
        return;
    }
    const QString key = m_llmKey->text().trimmed();
    if (key.isEmpty()) {
        commit(llm.value(), false);
        return;
    }
    // The key goes to the keychain first: if it cannot be kept, nothing is saved.
    m_saving = true;
    m_ok->setEnabled(false);
    m_llmStatus->setText(tr("Storing the API key in the OS keychain…"));
    auto *store = newKeyStore();
    connect(store, &assistant::LlmKeyStore::saved, this, [this, store, settings = llm.value()] {
        store->deleteLater();
        m_saving = false;
        m_ok->setEnabled(true);
        m_llmKey->clear();
        m_llmStatus->setText(tr("The API key is stored in the OS keychain."));
        commit(settings, true);
    });
    connect(store, &assistant::LlmKeyStore::failed, this, [this, store](const Error &error) {
        store->deleteLater();
        m_saving = false;
        m_ok->setEnabled(true);
        m_llmStatus->clear();
        m_error->setText(tr("Nothing was saved: %1").arg(error.message));
        m_error->show();
    });
    store->save(key);
}

void SettingsDialog::commit(const assistant::LlmSettings &llm, bool keySaved)
{
    const QStringList allowed = origins();
    QSettings settings;
    AppSettings app(settings);
    const bool changed = app.value(Settings::serverLan) != m_lan->isChecked()
        || app.value(Settings::serverPort) != m_port->value()
        || app.value(Settings::serverAllowedOrigins) != allowed;
    const auto previous = assistant::LlmSettings::load(settings);
    const bool llmChanged = keySaved || !previous || previous->enabled != llm.enabled
        || previous->endpoint != llm.endpoint || previous->model != llm.model.trimmed();
    if (auto saved = llm.save(settings); !saved) {
        // Validated in accept(): only a settings store that cannot be written gets here.
        m_error->setText(llmErrorText(saved.error()));
        m_error->show();
        return;
    }
    app.setValue(Settings::serverLan, m_lan->isChecked());
    app.setValue(Settings::serverPort, m_port->value());
    app.setValue(Settings::serverAllowedOrigins, allowed);
    if (changed)
        Q_EMIT serverSettingsChanged();
    if (llmChanged)
        Q_EMIT assistantSettingsChanged();
    QDialog::accept();
}

} // namespace tandem
