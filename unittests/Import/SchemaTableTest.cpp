//===- SchemaTableTest.cpp - Lazily built schemas match ONNX's registry ---===//
//
// findOnnxSchema builds ai.onnx schemas on demand instead of letting ONNX
// register them all; for every operator ONNX knows and every opset it must
// pick the schema the registry picks (same name, domain, since version,
// inputs and outputs), and answer nullptr where the registry does.
//
//===----------------------------------------------------------------------===//
#include "hcm/Import/OnnxExport.h"

#include "onnx/defs/schema.h"

#include "gtest/gtest.h"

#include <set>

using namespace hcm;

namespace {

TEST(SchemaTable, MatchesTheRegistryForEveryOpAndOpset) {
  std::set<std::string> Names;
  for (const onnx::OpSchema &S :
       onnx::OpSchemaRegistry::get_all_schemas_with_history())
    if (S.domain().empty())
      Names.insert(S.Name());
  ASSERT_GT(Names.size(), 100u);
  Names.insert("NoSuchOp");
  for (const std::string &Name : Names)
    for (int Opset = 1; Opset <= 20; ++Opset) {
      const onnx::OpSchema *Want =
          onnx::OpSchemaRegistry::Instance()->GetSchema(Name, Opset, "");
      const onnx::OpSchema *Got = findOnnxSchema(Name, Opset, "");
      ASSERT_EQ(Want == nullptr, Got == nullptr) << Name << " opset " << Opset;
      if (!Want)
        continue;
      EXPECT_EQ(Want->Name(), Got->Name());
      EXPECT_EQ(Want->domain(), Got->domain());
      EXPECT_EQ(Want->SinceVersion(), Got->SinceVersion())
          << Name << " opset " << Opset;
      EXPECT_EQ(Want->inputs().size(), Got->inputs().size()) << Name;
      EXPECT_EQ(Want->outputs().size(), Got->outputs().size()) << Name;
      EXPECT_EQ(Want->attributes().size(), Got->attributes().size()) << Name;
      EXPECT_EQ(Want->has_type_and_shape_inference_function(),
                Got->has_type_and_shape_inference_function())
          << Name;
      EXPECT_EQ(Want->HasFunction(), Got->HasFunction()) << Name;
      EXPECT_EQ(Want->Deprecated(), Got->Deprecated()) << Name;
    }
}

TEST(SchemaTable, OtherDomainsComeFromTheRegistry) {
  EXPECT_EQ(findOnnxSchema("LinearClassifier", 1, "ai.onnx.ml"),
            onnx::OpSchemaRegistry::Instance()->GetSchema("LinearClassifier", 1,
                                                          "ai.onnx.ml"));
  EXPECT_EQ(findOnnxSchema("Conv", 13, "com.example"), nullptr);
}

} // namespace
