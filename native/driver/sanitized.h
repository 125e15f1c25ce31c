/* SPDX-License-Identifier: MIT */
/*
 * DRIVER_SANITIZED: defined when the driver is built with AddressSanitizer (gcc defines
 * __SANITIZE_ADDRESS__, clang answers __has_feature), so the driver can use the sanitizer
 * interface for its leak check and its death callback.
 */
#ifndef GPUVM_CHECK_SANITIZED_H
#define GPUVM_CHECK_SANITIZED_H

#if defined(__SANITIZE_ADDRESS__)
#define DRIVER_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DRIVER_SANITIZED 1
#endif
#endif

#endif
