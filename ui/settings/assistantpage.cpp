#include "assistantpage.h"

#include "domain/settingsschema.h"

#include "assistant/llmengine.h"
#include "assistant/llmsettings.h"
#include "keychainconsent.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr qsizetype shownAnswerLength = 60;

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

bool keychainRefused()
{
    return assistant::keychainConsent(AppSettings()) == assistant::KeychainConsent::Refused;
}
} // namespace

QString AssistantPage::errorText(const Error &error)
{
    if (error.field == u"assistant/endpoint")
        return tr("AI model endpoint: %1").arg(error.message);
    if (error.field == u"assistant/model")
        return tr("AI model: the model name %1").arg(error.message);
    if (error.field == u"assistant/timeoutSeconds")
        return tr("AI model timeout: %1").arg(error.message);
    return error.toString();
}

AssistantPage::AssistantPage(QWidget *parent)
    : SettingsPage(parent)
{
    const AppSettings settings;
    auto *box = new QGroupBox(tr("AI model (optional)"), this);
    auto *about = wrapped(tr("Any OpenAI-compatible server: a local Ollama, llama.cpp or LM Studio, or OpenAI. "
                             "Your chat messages and task titles are sent to it. Without it, or when it fails, "
                             "the built-in assistant answers."),
                          box);
    m_enabled = new QCheckBox(tr("Answer chat messages with an AI model"), box);
    m_enabled->setChecked(settings.value(Settings::assistantEnabled));
    describe(m_enabled, m_enabled->text(),
             tr("Send chat messages to the AI model below first; the built-in assistant answers when it fails."));
    m_endpoint = new QLineEdit(settings.value(Settings::assistantEndpoint), box);
    m_endpoint->setObjectName(QStringLiteral("llmEndpoint"));
    m_endpoint->setPlaceholderText(QStringLiteral("http://localhost:11434/v1"));
    describe(m_endpoint, tr("AI model endpoint"),
             tr("The API's address, such as http://localhost:11434/v1 for a local Ollama"));
    m_model = new QLineEdit(settings.value(Settings::assistantModel), box);
    m_model->setObjectName(QStringLiteral("llmModel"));
    m_model->setPlaceholderText(QStringLiteral("llama3.1"));
    describe(m_model, tr("AI model name"), tr("The model's name on that server, such as llama3.1"));
    m_key = new QLineEdit(box);
    m_key->setObjectName(QStringLiteral("llmApiKey"));
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setPlaceholderText(tr("Empty: keep the stored key (a local model needs none)"));
    describe(m_key, tr("AI model API key"),
             tr("Stored in the system keychain, never in the settings file. Leave empty to keep the stored key; a "
                "local model needs none."));
    m_test = new QPushButton(tr("Test Connection"), box);
    describe(m_test, m_test->text(), tr("Ask the model for a short answer with these settings; saves nothing"));
    m_removeKey = new QPushButton(tr("Remove Stored Key"), box);
    describe(m_removeKey, m_removeKey->text(), tr("Delete the API key from the system keychain"));
    m_status = wrapped(QString(), box);
    m_status->setObjectName(QStringLiteral("llmStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->addRow(tr("Endpoint:"), m_endpoint);
    form->addRow(tr("Model:"), m_model);
    form->addRow(tr("API key:"), m_key);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_test);
    actions->addWidget(m_removeKey);
    actions->addStretch();
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(about);
    boxLayout->addWidget(m_enabled);
    boxLayout->addLayout(form);
    boxLayout->addLayout(actions);
    boxLayout->addWidget(m_status);

    auto *keychain = new QGroupBox(tr("System keychain"), this);
    m_keychainState = wrapped(QString(), keychain);
    m_keychainState->setObjectName(QStringLiteral("keychainState"));
    m_askAgain = new QPushButton(tr("Use the Keychain…"), keychain);
    m_askAgain->setObjectName(QStringLiteral("keychainAskAgain"));
    describe(m_askAgain, m_askAgain->text(), tr("Let Tandem keep and read the API key in the system keychain"));
    auto *keychainLayout = new QHBoxLayout(keychain);
    keychainLayout->addWidget(m_keychainState, 1);
    keychainLayout->addWidget(m_askAgain, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addWidget(keychain);
    layout->addStretch(1);
    updateKeychainState();

    connect(m_test, &QPushButton::clicked, this, &AssistantPage::testConnection);
    connect(m_removeKey, &QPushButton::clicked, this, &AssistantPage::removeKey);
    connect(m_askAgain, &QPushButton::clicked, this, &AssistantPage::askAgain);
}

AssistantPage::~AssistantPage() = default;

void AssistantPage::setKeychainEntry(const QString &service, const QString &key)
{
    m_keychainService = service;
    m_keychainEntry = key;
}

void AssistantPage::updateKeychainState()
{
    const bool refused = keychainRefused();
    m_keychainState->setText(refused ? tr("You chose not to let Tandem use the system keychain, so no API key is "
                                          "stored or used (a local model needs none).")
                                     : tr("The API key is kept in the system keychain. Tandem explains before the "
                                          "keychain first asks you anything."));
    m_askAgain->setVisible(refused);
    m_key->setEnabled(!refused);
    m_removeKey->setEnabled(!refused);
}

void AssistantPage::withKeychain(std::function<void(bool granted)> then)
{
    if (keychainRefused()) {
        then(false);
        return;
    }
    keychainconsent::ask(this, this, [this, then = std::move(then)](bool granted) {
        updateKeychainState();
        then(granted);
    });
}

void AssistantPage::askAgain()
{
    // The user asks, so the explanation shows even after a refusal.
    AppSettings settings;
    settings.remove(Settings::keychainRefused);
    settings.remove(Settings::keychainExplained);
    keychainconsent::ask(this, this, [this](bool granted) {
        if (!granted) {
            AppSettings again;
            assistant::recordKeychainConsent(again, false); // closed without an answer: still no
        }
        updateKeychainState();
        if (granted)
            Q_EMIT keyChanged();
    });
}

assistant::LlmKeyStore *AssistantPage::newKeyStore()
{
    // One store per operation, so each answer is told apart; it goes once answered.
    auto *store = new assistant::LlmKeyStore(this);
    if (!m_keychainService.isEmpty())
        store->setKeychainEntry(m_keychainService, m_keychainEntry);
    return store;
}

Result<assistant::LlmSettings> AssistantPage::typedSettings() const
{
    assistant::LlmSettings llm;
    if (const auto previous = assistant::LlmSettings::load(QSettings()))
        llm.timeoutSeconds = previous->timeoutSeconds; // not on the page: kept as it is
    llm.enabled = m_enabled->isChecked();
    llm.model = m_model->text().trimmed();
    if (const QString endpoint = m_endpoint->text().trimmed(); !endpoint.isEmpty()) {
        auto url = assistant::LlmSettings::parseEndpoint(endpoint);
        if (!url)
            return url.error();
        llm.endpoint = url.value();
    }
    if (auto valid = llm.validate(); !valid)
        return valid.error();
    return llm;
}

QString AssistantPage::problem(QWidget **focus) const
{
    const auto llm = typedSettings();
    if (llm)
        return {};
    *focus = llm.error().field == u"assistant/model" ? m_model : m_endpoint;
    return errorText(llm.error());
}

bool AssistantPage::hasNewKey() const
{
    return !m_key->text().trimmed().isEmpty();
}

void AssistantPage::storeNewKey(std::function<void(const QString &error)> done)
{
    const QString key = m_key->text().trimmed();
    withKeychain([this, key, done = std::move(done)](bool granted) {
        if (!granted) {
            done(tr("the API key can only be kept in the system keychain, which Tandem may not use. Clear the API "
                    "key field to save the rest, or let Tandem use the keychain (Settings ▸ Assistant)."));
            return;
        }
        m_status->setText(tr("Storing the API key in the system keychain…"));
        auto *store = newKeyStore();
        connect(store, &assistant::LlmKeyStore::saved, this, [this, store, done] {
            store->deleteLater();
            m_key->clear();
            m_keySaved = true;
            m_status->setText(tr("The API key is stored in the system keychain."));
            done({});
        });
        connect(store, &assistant::LlmKeyStore::failed, this, [this, store, done](const Error &error) {
            store->deleteLater();
            m_status->clear();
            done(error.message);
        });
        store->save(key);
    });
}

int AssistantPage::save(QSettings &settings)
{
    const auto llm = typedSettings(); // no problem(): checked before
    if (!llm)
        return NoChange;
    const auto previous = assistant::LlmSettings::load(settings);
    const bool changed = m_keySaved || !previous || previous->enabled != llm->enabled
        || previous->endpoint != llm->endpoint || previous->model != llm->model.trimmed();
    if (auto saved = llm->save(settings); !saved)
        return NoChange;
    m_keySaved = false;
    return changed ? AssistantChanged : NoChange;
}

void AssistantPage::testConnection()
{
    // Whether or not the model is enabled: the test is how one decides.
    assistant::LlmSettings llm;
    if (const auto stored = assistant::LlmSettings::load(QSettings()))
        llm.timeoutSeconds = stored->timeoutSeconds;
    auto endpoint = assistant::LlmSettings::parseEndpoint(m_endpoint->text());
    if (!endpoint) {
        m_status->setText(errorText(endpoint.error()));
        return;
    }
    llm.endpoint = endpoint.value();
    llm.model = m_model->text().trimmed();
    if (llm.model.isEmpty()) {
        m_status->setText(tr("Enter the model's name first (for example llama3.1)."));
        return;
    }
    m_test->setEnabled(false);
    m_status->setText(tr("Testing the connection…"));
    if (const QString key = m_key->text().trimmed(); !key.isEmpty()) {
        probe(llm, key, {});
        return;
    }
    withKeychain([this, llm](bool granted) {
        if (!granted) {
            probe(llm, {}, tr("(Tried without a key: Tandem may not use the system keychain.)"));
            return;
        }
        auto *store = newKeyStore();
        connect(store, &assistant::LlmKeyStore::loaded, this, [this, store, llm](const QString &key) {
            store->deleteLater();
            probe(llm, key, key.isEmpty() ? tr("(No API key is stored.)") : QString());
        });
        connect(store, &assistant::LlmKeyStore::failed, this, [this, store, llm](const Error &error) {
            store->deleteLater();
            probe(llm, {}, tr("(Tried without a key: %1)").arg(error.message));
        });
        store->load();
    });
}

void AssistantPage::probe(const assistant::LlmSettings &settings, const QString &apiKey, const QString &note)
{
    m_probe = std::make_unique<assistant::LlmEngine>(settings.config(apiKey));
    const QString model = settings.model;
    m_probe->testConnection(this, [this, model, note](const Result<QString> &answer) {
        m_test->setEnabled(true);
        QString text = answer
            ? tr("Connected: %1 answered “%2”.").arg(model, answer->simplified().left(shownAnswerLength))
            : answer.error().message;
        if (!note.isEmpty())
            text += u' ' + note;
        m_status->setText(text);
    });
}

void AssistantPage::removeKey()
{
    withKeychain([this](bool granted) {
        if (!granted) {
            m_status->setText(tr("Nothing was removed: Tandem may not use the system keychain."));
            return;
        }
        m_removeKey->setEnabled(false);
        auto *store = newKeyStore();
        connect(store, &assistant::LlmKeyStore::removed, this, [this, store] {
            store->deleteLater();
            m_removeKey->setEnabled(true);
            m_status->setText(tr("The stored API key was removed."));
            Q_EMIT keyChanged();
        });
        connect(store, &assistant::LlmKeyStore::failed, this, [this, store](const Error &error) {
            store->deleteLater();
            m_removeKey->setEnabled(true);
            m_status->setText(error.message);
        });
        store->remove();
    });
}

} // namespace tandem
