# lit configuration for hcm.
#
# `--param roundtrip=1` runs every test with `hcm-opt --verify-roundtrip`, so
# each test also checks that its printed IR parses back and prints the same.
import os
import lit.formats

config.name = "hcm"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".onnxtxt", ".hcm", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hcm_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.hcm_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])

hcm_opt = os.path.join(config.hcm_tools_dir, "hcm-opt")
if lit_config.params.get("roundtrip", "0") not in ("0", "", "false"):
    hcm_opt += " --verify-roundtrip"
    config.available_features.add("roundtrip")
# Tests say `hcm-opt`; the tool path (and roundtrip flag) replaces the word.
config.substitutions.append((r"(?<![-\w/.])hcm-opt\b", hcm_opt))
config.substitutions.append(("%models", os.path.join(config.hcm_src_root, "models")))
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%hcm_src", config.hcm_src_root))
# Pass plugins: examples/plugin and test/Pass/Inputs, built into build/plugins.
config.substitutions.append(("%plugins", os.path.join(config.hcm_obj_root, "plugins")))
config.substitutions.append(("%hcm_opt_bin", os.path.join(config.hcm_tools_dir, "hcm-opt")))
# Debian's python3-torchvision (test/Models/torchvision.test), found without
# importing it (that takes seconds).
if os.path.isdir("/usr/lib/python3/dist-packages/torchvision"):
    config.available_features.add("torchvision")
# Its exports (made by torch, whatever hcm build runs them) are cached here;
# `--param torchvision_cache=DIR` shares one cache between build trees
# (scripts/sanitize.sh reuses build/'s).
config.substitutions.append(("%tvcache", lit_config.params.get(
    "torchvision_cache", os.path.join(config.hcm_obj_root, "torchvision-models"))))
# The other 60 classifiers (test/Models/torchvision-large.test) take tens of
# minutes and several GB of RAM to export the first time: opt-in with
# `--param torchvision_large=1` (not in .ci/run).
if lit_config.params.get("torchvision_large", "0") not in ("", "0"):
    config.available_features.add("torchvision-large")
# `--param large=1` (.ci/run) adds the scale tests (REQUIRES: large): a
# 1,000,000-node chain through -O (a minute of CPU, 3.5 GiB). Their models
# are made once into `--param bench_models=DIR` (default build/bench-models).
if lit_config.params.get("large", "0") not in ("0", "", "false"):
    config.available_features.add("large")
config.substitutions.append(("%bench_models", lit_config.params.get(
    "bench_models", os.path.join(config.hcm_obj_root, "bench-models"))))
if os.path.exists("/usr/bin/python3") and os.system(
        "/usr/bin/python3 -c 'import onnx' 2>/dev/null") == 0:
    config.available_features.add("python-onnx")
if os.path.exists("/usr/bin/python3") and os.system(
        "/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") == 0:
    config.available_features.add("python-jsonschema")

# The picture tests: xmllint (libxml2-utils) checks every SVG; headless
# Chromium (package chromium) renders the HTML report. scripts/setup.sh
# installs both; without chromium the rendering test is skipped, and says so.
import shutil
if shutil.which("xmllint"):
    config.available_features.add("xmllint")
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium:
    config.available_features.add("chromium")
    # One headless run: no sandbox (containers), no GPU, no network, a fresh
    # profile per test directory; console messages go to stderr.
    config.substitutions.append((
        "%chromium-run",
        "timeout 120 " + chromium + " --headless --no-sandbox --disable-gpu "
        "--no-first-run --disable-background-networking "
        "--disable-component-update --disable-sync "
        "--user-data-dir=%t/chromium-profile --enable-logging=stderr --v=0"))
else:
    lit_config.note("chromium not found: test/Report/html-render.test is "
                    "skipped (scripts/setup.sh installs it)")

# Binary ONNX fixtures written as protobuf text (`%onnx-encode < in.txtpb`).
config.substitutions.append(
    ("%onnx-encode",
     "protoc --encode=onnx.ModelProto -I/usr/include onnx/onnx.proto"))

# `%bounded MB cmd...`: runs cmd, fails when its peak resident memory exceeds
# MB MiB, and (outside ASan, whose shadow memory needs a huge address space)
# caps its address space so that a runaway allocation fails fast.
sanitized = getattr(config, "hcm_sanitize", "OFF") in ("ON", "1", "TRUE", "YES")
if sanitized:
    config.available_features.add("asan")
config.substitutions.append(
    ("%bounded", "/usr/bin/python3 " +
     os.path.join(config.test_source_root, "Inputs", "bounded.py") +
     (" --no-address-limit" if sanitized else "")))
