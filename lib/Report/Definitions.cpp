//===- Definitions.cpp - What the report's numbers count ------------------===//
#include "hcm/Report/Report.h"

const char *const hcm::ReportDefinitions =
    "MACs: multiply-accumulates of the compute layers (Conv, ConvTranspose, "
    "Gemm, MatMul, LSTM, GRU, RNN; docs/REPORT.md lists them op by op), "
    "B*Ho*Wo * m * (n/g)*kh*kw; bias adds are not counted.\n"
    "OPS: compute layers count m*(n/g)*(kh*kw+1) per output pixel (HCM: the "
    "products plus one accumulate per output, so the bias add is included); "
    "vector-unit ops (pooling, elementwise, activations, reshapes, softmax) "
    "count one per output element, times the window for pooling; "
    "activations fused into a layer add nothing.\n"
    "BOPS: bit operations of the compute layers only (HCM eq. 1: "
    "m*(n/g)*kh*kw*(ba*bw + ba + bw + log2((n/g)*kh*kw)) per pixel).\n"
    "Traffic: bits each layer moves to and from memory with no reuse across "
    "layers (weights incl. bias at accumulator width, inputs, outputs).\n"
    "Bound: memory when moving the DRAM bits of the schedule the layer runs "
    "(prefetch, input re-reads, spilled partial sums) at the target's "
    "bandwidth takes longer than its passes over the PE array, else compute; "
    "every table gives this one verdict.\n";
