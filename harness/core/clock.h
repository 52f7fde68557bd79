/* SPDX-License-Identifier: Apache-2.0
 *
 * core/clock.h: the monotonic clock (POSIX CLOCK_MONOTONIC) every timeout
 * and duration in sdkconform is measured with: never the wall clock, which
 * may jump. */
#ifndef SDKC_CORE_CLOCK_H
#define SDKC_CORE_CLOCK_H

#include <stdint.h>

/* Milliseconds since an arbitrary fixed point: whole ms for deadlines. */
int64_t sdkc_clock_ms(void);
/* The same with sub-millisecond precision, for durations in reports. */
double sdkc_clock_ms_f(void);

#endif
