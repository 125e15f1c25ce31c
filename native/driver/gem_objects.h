/* SPDX-License-Identifier: MIT */
/*
 * The GEM objects a trace names by handle 1..65535. Each exists for the
 * whole trace (across fini/init) and is created, with an empty GPU VA list,
 * the first time it is named; creation is not observable. Handle 0 is NULL.
 */
#ifndef _DRIVER_GEM_OBJECTS_H
#define _DRIVER_GEM_OBJECTS_H

#include <drm/drm_gem.h>

#define GEM_HANDLE_MAX 65535

struct drm_gem_object *gem_object(u32 handle);
void gem_objects_release_all(void);

#endif /* _DRIVER_GEM_OBJECTS_H */
