// tandem-server: Tandem without a window, for a NAS, a container or a small
// server. The same command line as `tandem --headless`; no Qt Widgets at all.
#include "entry.h"

int main(int argc, char *argv[])
{
    return tandem::runTandem(argc, argv, nullptr);
}
