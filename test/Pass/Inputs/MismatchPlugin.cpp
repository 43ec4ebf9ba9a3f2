//===- MismatchPlugin.cpp - A plugin built for another plugin API ---------===//
//
// For test/Pass/plugin.test: claims a plugin API version this hcm does not
// have, so loading it must fail with a clear message.
//
//===----------------------------------------------------------------------===//
#include "hcm/Pass/PassPlugin.h"

static void registerNothing(hcm::PassPluginRegistrar &) {}

extern "C" hcm::PassPluginInfo hcmGetPassPluginInfo() {
  return {HCM_PLUGIN_API_VERSION + 1, "future-plugin", "9.9", &registerNothing};
}
