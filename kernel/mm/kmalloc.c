/*
 * kmalloc.c - a size-class allocator for kernel objects (processes, files,
 * pipes, address-space descriptors).
 *
 * Requests are rounded up to a size class: powers of two from 16 to 1024
 * bytes, then 2016, the largest size of which two fit in a page beside the
 * header (a process's struct proc is one of those).  Each class takes
 * whole pages from the page allocator; a page holds objects of one class
 * only and starts with a `struct slab` header recording the class, how
 * many objects are in use, and a free list of its objects.
 * kfree() finds the header by rounding the pointer down to its page.
 * When a page's last object is freed the page goes straight back to the
 * page allocator, so leak checks that count free pages see exact numbers.
 *
 * Requests above 2016 bytes get a whole page of their own; such pointers
 * are page-aligned, which is how kfree() tells them apart (slab objects
 * never are, since the header comes first).  Nothing larger than a page
 * is ever needed.
 *
 * Interrupt handlers do not allocate; any process context may call these
 * (they never sleep).  kmalloc_lock guards everything here, on every CPU;
 * a new slab's page comes from the page allocator under it (so `pages`
 * ranks after `kmalloc`, docs/locking.md).  Invariant: slab->used == objects handed out
 * from that page, and a page is on its class's partial list exactly when
 * it has a free object.
 *
 * kmalloc_slab_pages counts the pages slabs hold: the same objects may sit
 * in more or fewer pages depending on the order of past kmallocs and
 * kfrees, so a leak check compares free pages plus slab pages, and the
 * objects separately (user/common/longrun.c).
 * kmalloc_objects counts the objects handed out and not yet freed, and
 * kmalloc_class_objects[] the same per class (the last entry: whole
 * pages); /proc/meminfo shows both, for leak checks.
 *
 * Self-checks (assertions, on in every build): kfree() panics on a
 * pointer that is not the start of an object, and on an object already
 * free.  A free object carries FREE_MAGIC in its second word, which
 * kmalloc() clears; a live object holding that exact value by chance is
 * possible but so unlikely that the check is worth it.
 */
#include "mm/kmalloc.h"
#include "lib/lib.h"
#include "lib/list.h"
#include "lib/panic.h"
#include "lib/spinlock.h"
#include "mm/pmm.h"

#define KMALLOC_MAX 2016
#define SLAB_HEADER 32		/* room for struct slab; objects start here */

const uint32_t kmalloc_class_size[NR_CLASSES] = {
	16, 32, 64, 128, 256, 512, 1024, KMALLOC_MAX };

#define FREE_MAGIC 0xF7EEF7EEu	/* in every free slab object */

struct free_obj {
	struct free_obj *next;
	uint32_t magic;		/* FREE_MAGIC while free */
};

struct slab {
	struct list_head link;	/* on the class's partial list */
	uint32_t class;		/* index into kmalloc_class_size */
	uint32_t used;
	struct free_obj *free;
};

_Static_assert(sizeof(struct slab) <= SLAB_HEADER, "slab header too big");

uint32_t kmalloc_objects;	/* allocated and not freed, for leak checks */
uint32_t kmalloc_slab_pages;	/* pages holding slabs; kmalloc_lock */
uint32_t kmalloc_class_objects[NR_CLASSES + 1];	/* the same by class; last: pages */

/* Guards the partial lists, every slab and the counters (docs/locking.md). */
static SPINLOCK(kmalloc_lock, LOCK_KMALLOC);
static struct list_head partial[NR_CLASSES] = {
	{ &partial[0], &partial[0] }, { &partial[1], &partial[1] },
	{ &partial[2], &partial[2] }, { &partial[3], &partial[3] },
	{ &partial[4], &partial[4] }, { &partial[5], &partial[5] },
	{ &partial[6], &partial[6] }, { &partial[7], &partial[7] },
};

static uint32_t size_class(size_t size)
{
	uint32_t c = 0;

	while (kmalloc_class_size[c] < size)
		c++;
	return c;
}

/* Objects follow the header, 16-byte aligned, as many as fit. */
static struct slab *slab_create(uint32_t class)
{
	struct slab *s = page_alloc();
	uint32_t size = kmalloc_class_size[class];
	uint32_t count = (PAGE_SIZE - SLAB_HEADER) / size;

	if (!s)
		return NULL;
	kmalloc_slab_pages++;
	s->class = class;
	s->used = 0;
	s->free = NULL;
	for (uint32_t i = count; i-- > 0; ) {
		struct free_obj *o = (struct free_obj *)((char *)s + SLAB_HEADER + i * size);
		o->magic = FREE_MAGIC;
		o->next = s->free;
		s->free = o;
	}
	list_add(&s->link, &partial[class]);
	return s;
}

void *kmalloc(size_t size)
{
	uint32_t class;
	struct slab *s;
	struct free_obj *o;

	spin_lock(&kmalloc_lock);
	if (size > KMALLOC_MAX) {
		assert(size <= PAGE_SIZE);
		o = page_alloc();
		kmalloc_objects += o != NULL;
		kmalloc_class_objects[NR_CLASSES] += o != NULL;
		spin_unlock(&kmalloc_lock);
		return o;
	}
	class = size_class(size);
	if (list_empty(&partial[class]) && !slab_create(class)) {
		spin_unlock(&kmalloc_lock);
		return NULL;
	}
	s = list_first(&partial[class], struct slab, link);
	o = s->free;
	s->free = o->next;
	o->magic = 0;
	s->used++;
	kmalloc_objects++;
	kmalloc_class_objects[class]++;
	if (!s->free)
		list_del(&s->link);	/* full: off the partial list */
	spin_unlock(&kmalloc_lock);
	return o;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	struct slab *s;
	struct free_obj *o = p;

	if (!p)
		return;
	spin_lock(&kmalloc_lock);
	assert(kmalloc_objects > 0);
	kmalloc_objects--;
	if (((uint32_t)p & (PAGE_SIZE - 1)) == 0) {
		kmalloc_class_objects[NR_CLASSES]--;
		page_free(p);
		spin_unlock(&kmalloc_lock);
		return;
	}
	s = (struct slab *)round_down((uint32_t)p, PAGE_SIZE);
	assert(s->used > 0 && s->class < NR_CLASSES);
	assert(((uint32_t)p - (uint32_t)s - SLAB_HEADER) % kmalloc_class_size[s->class] == 0);
	assert(o->magic != FREE_MAGIC);		/* freed twice */
	o->magic = FREE_MAGIC;
	kmalloc_class_objects[s->class]--;
	if (!s->free)
		list_add(&s->link, &partial[s->class]);	/* was full */
	o->next = s->free;
	s->free = o;
	if (--s->used == 0) {
		list_del(&s->link);
		kmalloc_slab_pages--;
		page_free(s);
	}
	spin_unlock(&kmalloc_lock);
}
