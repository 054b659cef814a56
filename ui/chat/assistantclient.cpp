#include "assistantclient.h"

namespace tandem {

AssistantClient::~AssistantClient() = default;

} // namespace tandem
