/* SPDX-License-Identifier: MIT */
/*
 * Printing and applying &drm_gpuva_op the way the source's "DOC: Examples"
 * (1) do, shared by `mode list` (ops from *_ops_create()) and `mode cb`
 * (ops handed to the &drm_gpuvm_ops step callbacks).
 */
#ifndef _DRIVER_OPS_H
#define _DRIVER_OPS_H

#include <drm/drm_gpuvm.h>

#include "era.h"

/* The ops given to drm_gpuvm_init(); the step callbacks' priv is a &apply_ctx. */
extern const struct drm_gpuvm_ops driver_gpuvm_ops;

void print_va_line(struct drm_gpuvm *gpuvm, const struct drm_gpuva *va);
void print_op(const struct drm_gpuva_op *op);
void apply_op(struct apply_ctx *ctx, struct drm_gpuva_op *op);

#endif /* _DRIVER_OPS_H */
