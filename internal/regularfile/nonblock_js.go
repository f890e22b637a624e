package regularfile

// nonBlock is 0 in a browser (GOOS=js, the explorer page's engine), which
// has no FIFOs and whose file system is never opened by the engine.
const nonBlock = 0
