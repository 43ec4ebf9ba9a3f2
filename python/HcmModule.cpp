//===- HcmModule.cpp - The Python module `hcm` ----------------------------===//
//
//   import hcm
//   r = hcm.analyze("models/resnet18.onnx", dims={"N": 1})
//   pandas.DataFrame(r["layers"])
//
// analyze() returns a dict: schema, model, target, layers (one flat dict per
// compute layer), vector_ops, totals and warnings; the keys are those of the
// JSON report (docs/PYTHON.md). Errors raise hcm.Error with the one-line
// message hcm-opt prints.
//
//===----------------------------------------------------------------------===//
#include "Analyze.h"

#include "hcm/Support/Version.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace pyb = pybind11;
using namespace hcm;

namespace {

/// Raised as hcm.Error (a RuntimeError) with hcm's one-line message.
struct HcmError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

pyb::object toPython(const FieldValue &V) {
  switch (V.K) {
  case FieldValue::Int:
    return pyb::int_(V.I);
  case FieldValue::Double:
    return pyb::float_(V.D);
  case FieldValue::Bool:
    return pyb::bool_(V.I != 0);
  case FieldValue::String:
    return pyb::str(V.S);
  case FieldValue::Null:
    break;
  }
  return pyb::none();
}

pyb::dict toDict(const py::Row &R) {
  pyb::dict D;
  for (const auto &[Key, V] : R)
    D[pyb::str(Key)] = toPython(V);
  return D;
}

pyb::list toList(const std::vector<py::Row> &Rows) {
  pyb::list L;
  for (const py::Row &R : Rows)
    L.append(toDict(R));
  return L;
}

pyb::dict analyze(const std::string &Path, const std::string &Target,
                  const std::string &Pipeline,
                  const std::map<std::string, int64_t> &Dims,
                  const std::vector<std::string> &TargetSet) {
  py::AnalyzeRequest Req;
  Req.Path = Path;
  Req.Target = Target;
  Req.Pipeline = Pipeline;
  Req.Dims = Dims;
  for (llvm::StringRef KV : TargetSet) {
    auto [Key, Value] = KV.split('=');
    if (Key.trim().empty() || Value.trim().empty())
      throw HcmError("hcm: error: bad target_set entry '" + KV.str() +
                     "' (expected key=value)");
    Req.TargetSet.emplace_back(Key.trim().str(), Value.trim().str());
  }
  llvm::Expected<py::AnalyzeResult> R = [&] {
    pyb::gil_scoped_release Release;
    return py::analyze(Req);
  }();
  if (!R)
    throw HcmError(llvm::toString(R.takeError()));
  pyb::dict D;
  D["schema"] = ReportSchema;
  D["model"] = R->Model;
  D["target"] = toDict(R->Target);
  D["layers"] = toList(R->Layers);
  D["vector_ops"] = toList(R->VectorOps);
  D["totals"] = toDict(R->Totals);
  D["warnings"] = R->Warnings;
  return D;
}

} // namespace

PYBIND11_MODULE(hcm, M) {
  M.doc() = "hcm: analyze a neural network on a 3x3-PE accelerator";
  pyb::register_exception<HcmError>(M, "Error", PyExc_RuntimeError);
  M.attr("__version__") = getVersion();
  M.attr("REPORT_SCHEMA") = ReportSchema;
  M.def("analyze", &analyze, pyb::arg("path"),
        pyb::arg("target") = "hcm-16x16-800mhz",
        pyb::arg("pipeline") = "default",
        pyb::arg("dims") = std::map<std::string, int64_t>{},
        pyb::arg("target_set") = std::vector<std::string>{},
        "Analyze the model at PATH; returns the report as a dict "
        "(docs/PYTHON.md). Raises hcm.Error on failure.");
}
