// glibc's allocator controls (mallopt, malloc_trim): `ProcessHeap` in StediCore.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
