/* SPDX-License-Identifier: MIT */
/*
 * The GEM objects a trace names by handle 1..65535. Each exists for the
 * whole trace (across fini/init) and is created, with an empty GPU VA list,
 * the first time it is named; creation is not observable. Handle 0 is NULL.
 *
 * The driver holds one reference on each of its objects (and on the VM's
 * reservation object) for as long as it uses it, as a handle does: the
 * library's gets and puts must balance around it. The last reference going
 * is the library dropping one it never took; in the kernel the object would
 * be freed under the driver, which goes on using it. The driver dies at
 * once instead (SIGABRT, a CRASH in the transcript, the object named on
 * stderr) rather than run on: nothing else would show it without a
 * sanitizer, and even with one only once the freed object is touched.
 */
#ifndef _DRIVER_GEM_OBJECTS_H
#define _DRIVER_GEM_OBJECTS_H

#include <drm/drm_gem.h>

#define GEM_HANDLE_MAX 65535

/* The funcs of every object the driver owns: ->free, see above. */
extern const struct drm_gem_object_funcs driver_gem_funcs;

struct drm_gem_object *gem_object(u32 handle);
void gem_objects_release_all(void);

#endif /* _DRIVER_GEM_OBJECTS_H */
