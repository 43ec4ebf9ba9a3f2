//===- SchemaTable.cpp - ONNX schemas built on first use ------------------===//
//
// ONNX registers every one of its ~450 operator schemas (doc strings, type
// constraints, function bodies) the first time anything asks its registry for
// one: 10 ms of CPU, half of a small model's whole run, and more again to
// free them at exit. This table knows each ai.onnx schema by name and since
// version (read from ONNX's own operator_sets.h when hcm is configured,
// OnnxSchemas.inc) and builds only the ones a model asks for, exactly as the
// registry would (the schema's factory, then Finalize), picking the version
// the registry would pick: the newest since_version <= the model's opset.
// Other domains, and an ONNX whose header could not be read, go to the
// registry itself. unittests/Import/SchemaTableTest.cpp compares the two.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"

#include "llvm/ADT/StringMap.h"

#include "onnx/defs/operator_sets.h"
#include "onnx/defs/schema.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

using namespace hcm;

namespace {

struct SchemaEntry {
  const char *Name;
  int Since;
  onnx::OpSchema (*Make)();
};

#define HCM_ONNX_SCHEMA(NAME, VER)                                             \
  {#NAME, VER,                                                                 \
   &onnx::GetOpSchema<onnx::ONNX_OPERATOR_SET_SCHEMA_CLASS_NAME(Onnx, VER,     \
                                                                NAME)>},
const SchemaEntry Entries[] = {
#include "OnnxSchemas.inc"
    {nullptr, 0, nullptr}};
#undef HCM_ONNX_SCHEMA

class SchemaTable {
public:
  SchemaTable() {
    for (const SchemaEntry &E : Entries)
      if (E.Name)
        ByName[E.Name].push_back(&E);
    for (auto &KV : ByName)
      std::sort(KV.second.begin(), KV.second.end(),
                [](const SchemaEntry *A, const SchemaEntry *B) {
                  return A->Since < B->Since;
                });
  }

  bool empty() const { return ByName.empty(); }

  const onnx::OpSchema *get(const std::string &Key, int Version) {
    auto It = ByName.find(Key);
    if (It == ByName.end())
      return nullptr;
    const SchemaEntry *Pick = nullptr;
    for (const SchemaEntry *E : It->second)
      if (E->Since <= Version)
        Pick = E;
    if (!Pick)
      return nullptr;
    std::lock_guard<std::mutex> Lock(Mutex);
    std::unique_ptr<onnx::OpSchema> &S = Built[Pick];
    if (!S) {
      S = std::make_unique<onnx::OpSchema>(Pick->Make());
      S->Finalize();
    }
    return S.get();
  }

private:
  llvm::StringMap<std::vector<const SchemaEntry *>> ByName;
  std::mutex Mutex;
  std::map<const SchemaEntry *, std::unique_ptr<onnx::OpSchema>> Built;
};

} // namespace

const onnx::OpSchema *hcm::findOnnxSchema(const std::string &Key, int Version,
                                          const std::string &Domain) {
  // Never destroyed: the schemas outlive every model, and exit need not
  // walk them.
  static SchemaTable *Table = new SchemaTable();
  if (Domain.empty() && !Table->empty())
    return Table->get(Key, Version);
  return onnx::OpSchemaRegistry::Instance()->GetSchema(Key, Version, Domain);
}
