#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
//! The WebAssembly build's memory allocator: power-of-two size classes, each with a free list.
//!
//! It replaces the standard library's allocator (dlmalloc), whose code costs about 2.5 KB of
//! compressed WebAssembly; this one costs a few hundred bytes. Every request is rounded up to
//! a power of two (at least 8 bytes); a freed block goes onto its class's list and is handed
//! out again for the next request of that class. New blocks are cut from WebAssembly memory,
//! which grows in 64 KiB pages and, as with dlmalloc, is never given back. Both operations take
//! constant time. The rounding wastes at most half of each block, which suits this app: it
//! allocates the same few sizes over and over (the same vectors on every frame) and needs a few
//! megabytes at most.
//!
//! The app is single-threaded (no shared-memory threads in this build), so the allocator's
//! state is a plain cell.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::ptr::null_mut;

/// log₂ of the smallest block: room for the free list's link.
const MIN_CLASS: usize = 3;
/// Size classes: blocks of 2^class bytes, up to 2 GiB (more than a 32-bit memory can hold).
const CLASSES: usize = 32;
/// Blocks are aligned to their size, up to this (larger alignments are refused).
const MAX_ALIGN: usize = 4096;
/// Bytes in a WebAssembly memory page.
const PAGE: usize = 65536;

/// The size class (log₂ of the block size) serving `layout`, or `None` if no block can.
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let class = size.checked_next_power_of_two()?.trailing_zeros() as usize;
    (class < CLASSES && layout.align() <= MAX_ALIGN).then_some(class)
}

struct Heap {
    /// The first free block of each class; each free block holds the address of the next.
    free: [*mut u8; CLASSES],
    /// The unused part of the memory taken so far: `next..end`.
    next: usize,
    end: usize,
}

/// The allocator (see the module documentation).
pub struct SizeClasses {
    heap: UnsafeCell<Heap>,
}

impl SizeClasses {
    /// An allocator that has not taken any memory yet.
    pub const fn new() -> Self {
        SizeClasses { heap: UnsafeCell::new(Heap { free: [null_mut(); CLASSES], next: 0, end: 0 }) }
    }
}

// SAFETY: the WebAssembly build has a single thread, so the heap is never used concurrently.
unsafe impl Sync for SizeClasses {}

impl Heap {
    /// A fresh block of 2^`class` bytes, aligned to min(2^`class`, `MAX_ALIGN`); null when
    /// the memory cannot grow.
    fn carve(&mut self, class: usize) -> *mut u8 {
        let size = 1usize << class;
        let align = size.min(MAX_ALIGN);
        let mut start = (self.next + align - 1) & !(align - 1);
        if start.checked_add(size).is_none_or(|stop| stop > self.end) {
            let pages = (size + align).div_ceil(PAGE);
            let Some((base, end)) = grow(pages) else { return null_mut() };
            // Memory only this allocator grows is contiguous: extend the region; otherwise
            // (never in this app) start a new one where the new pages begin.
            if base != self.end {
                self.next = base;
            }
            self.end = end;
            start = (self.next + align - 1) & !(align - 1);
        }
        self.next = start + size;
        start as *mut u8
    }
}

/// Grows the memory by `pages`: where the new pages begin and end; `None` when the memory
/// cannot grow (or would reach the end of the 32-bit address space).
#[cfg(target_arch = "wasm32")]
fn grow(pages: usize) -> Option<(usize, usize)> {
    let previous = core::arch::wasm32::memory_grow(0, pages);
    let base = previous.checked_mul(PAGE)?;
    Some((base, base.checked_add(pages.checked_mul(PAGE)?)?))
}

/// Natively (where this allocator is not installed) memory never grows.
#[cfg(not(target_arch = "wasm32"))]
fn grow(_pages: usize) -> Option<(usize, usize)> {
    None
}

unsafe impl GlobalAlloc for SizeClasses {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else { return null_mut() };
        // SAFETY: single-threaded, and no reference to the heap outlives this call.
        let heap = unsafe { &mut *self.heap.get() };
        let block = heap.free[class];
        if block.is_null() {
            return heap.carve(class);
        }
        // SAFETY: a free block of this class starts with the address of the next one.
        heap.free[class] = unsafe { block.cast::<*mut u8>().read() };
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // A block was allocated with this layout, so its class exists.
        let Some(class) = class_of(layout) else { return };
        // SAFETY: as in `alloc`; the block is at least 8 bytes and aligned to 8 or more, so
        // it can hold the link to the next free block.
        let heap = unsafe { &mut *self.heap.get() };
        unsafe { ptr.cast::<*mut u8>().write(heap.free[class]) };
        heap.free[class] = ptr;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size`, rounded up to `layout.align()`, fits.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // A block that already has room (same class) stays where it is.
        if class_of(layout) == class_of(new_layout) {
            return ptr;
        }
        // SAFETY: as for `GlobalAlloc::realloc`'s default: a new block, the bytes copied over.
        unsafe {
            let moved = self.alloc(new_layout);
            if !moved.is_null() {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            moved
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(size: usize, align: usize) -> Option<usize> {
        class_of(Layout::from_size_align(size, align).unwrap())
    }

    #[test]
    fn requests_round_up_to_a_power_of_two_of_at_least_eight_bytes() {
        assert_eq!(class(1, 1), Some(3));
        assert_eq!(class(8, 8), Some(3));
        assert_eq!(class(9, 1), Some(4));
        assert_eq!(class(24, 8), Some(5));
        assert_eq!(class(4096, 8), Some(12));
        assert_eq!(class(4097, 8), Some(13));
        // The alignment counts as a minimum size, so an aligned block serves it.
        assert_eq!(class(8, 64), Some(6));
        assert_eq!(class(100, 8192), None, "alignments above 4 KiB are refused");
        assert_eq!(class(usize::MAX / 2, 1), None);
    }

    #[test]
    fn without_memory_to_grow_allocation_fails_cleanly() {
        let heap = SizeClasses::new();
        let layout = Layout::from_size_align(16, 8).unwrap();
        assert!(unsafe { heap.alloc(layout) }.is_null());
    }
}
