#pragma once

#include <QObject>

#include <functional>

class QWidget;

namespace tandem {

// Before Tandem's first OS keychain prompt: says why Tandem uses the keychain
// (the AI model's API key lives there, never in the settings file) and what
// the system may ask, then records the answer (assistant::recordKeychainConsent),
// so a refusal is remembered instead of prompting at every start.
namespace keychainconsent {

// Shows the explanation over `parent` (window-modal, no nested event loop);
// `done(granted)` runs on `context` once the user answered (false, and
// nothing recorded, when the box was closed without an answer). Nothing is shown
// and `done(true)` follows at once when the user has agreed before.
void ask(QWidget *parent, QObject *context, std::function<void(bool granted)> done);

// The explanation box's object name, for tests.
inline constexpr const char *boxName = "keychainConsent";

} // namespace keychainconsent

} // namespace tandem
