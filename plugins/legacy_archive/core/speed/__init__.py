"""Speed machinery in one room: when the garbage collector runs, what is cached between
builds and renders, and stage timings."""
