#pragma once

#include <QUuid>

namespace tandem {
class AccountService;
class AuthService;
class ChatService;
class Store;
class TaskService;
} // namespace tandem

namespace tandem::assistant {
class AssistantService;
}

namespace tandem::sync {

// The core services the server works through, built once by the composition root.
struct SyncContext
{
    Store &store;
    TaskService &tasks;
    ChatService &chats;
    AccountService &accounts;
    AuthService &auth;
    QUuid localOwnerId; // the desktop's account: the one that may issue invites
    assistant::AssistantService *assistant = nullptr; // POST .../messages answers 503 without one
};

} // namespace tandem::sync
