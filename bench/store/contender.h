#pragma once

#include "workload.h"

#include <QString>

namespace tandem::bench {

// One side of the comparison on one engine: Tandem's service, or a plain
// loop on the engine's C API. Each call is one committed transaction.
class Contender
{
public:
    virtual ~Contender() = default;

    // Applies one edit to an existing task (a durable transaction of its own).
    virtual bool edit(const EditInput &input, QString *error) = 0;
    // Creates every row of `batch` in one transaction.
    virtual bool import(const ImportBatch &batch, QString *error) = 0;
};

} // namespace tandem::bench
