//===- HcmModule.cpp - The Python module `hcm` ----------------------------===//
//
//   import hcm
//   r = hcm.analyze("models/resnet18.onnx", dims={"N": 1})
//   pandas.DataFrame(r["layers"])
//
// analyze() returns the JSON report (`hcm-report/2`, as printJsonReport
// writes it) as Python objects, each layer and vector op one flat dict (its
// objects merged), plus the warnings (docs/PYTHON.md). Errors raise hcm.Error
// with the one-line message hcm-opt prints.
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

/// \p Row with the members that are objects (formats, work, traffic, ...)
/// merged into it, in order; a key met twice keeps the later one as
/// `<object>.<key>` (the report's keys are unique, so none is).
pyb::dict flatten(const pyb::dict &Row) {
  pyb::dict Flat;
  for (const auto &[Key, Value] : Row) {
    if (!pyb::isinstance<pyb::dict>(Value)) {
      Flat[Key] = Value;
      continue;
    }
    for (const auto &[Inner, V] : Value.cast<pyb::dict>()) {
      if (Flat.contains(Inner))
        Flat[pyb::str(Key) + pyb::str(".") + pyb::str(Inner)] = V;
      else
        Flat[Inner] = V;
    }
  }
  return Flat;
}

/// The JSON report as Python objects (json.loads: key order kept, integers
/// exact), its layers and vector ops flattened.
pyb::dict toPython(const std::string &Json) {
  pyb::dict D = pyb::module_::import("json").attr("loads")(Json);
  for (const char *Key : {"layers", "vector_ops"}) {
    pyb::list Rows;
    for (const auto &Row : D[Key].cast<pyb::list>())
      Rows.append(flatten(Row.cast<pyb::dict>()));
    D[Key] = Rows;
  }
  return D;
}

pyb::dict analyze(const std::string &Path,
                  const std::optional<std::string> &Target,
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
  pyb::dict D = toPython(R->ReportJson);
  D["warnings"] = R->Warnings;
  return D;
}

} // namespace

PYBIND11_MODULE(hcm, M) {
  M.doc() = "hcm: analyze a neural network on a 3x3-PE accelerator";
  pyb::register_exception<HcmError>(M, "Error", PyExc_RuntimeError);
  M.attr("__version__") = getVersion();
  M.attr("REPORT_SCHEMA") = ReportSchema;
  M.def("analyze", &analyze, pyb::arg("path"), pyb::arg("target") = pyb::none(),
        pyb::arg("pipeline") = "default",
        pyb::arg("dims") = std::map<std::string, int64_t>{},
        pyb::arg("target_set") = std::vector<std::string>{},
        "Analyze the model at PATH on TARGET (default: the target the model "
        "records, else hcm-16x16-800mhz); returns the JSON report as a "
        "dict, each layer and vector op one flat dict, plus 'warnings' "
        "(docs/PYTHON.md). Raises hcm.Error on failure.");
}
