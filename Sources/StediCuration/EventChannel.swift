import Dispatch
import Foundation

/// A bounded single-producer, single-consumer queue between the reading thread and the deciding
/// thread. The producer blocks when `capacity` items wait, so memory stays bounded.
///
/// `@unchecked Sendable`: `items`, `closed` and `failure` are only touched under `lock`; the
/// semaphores count items and free places.
final class EventChannel<Item: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [Item] = []
  private var head = 0
  private var closed = false
  private var cancelled = false
  private var failure: (any Error)?
  private let available = DispatchSemaphore(value: 0)
  private let space: DispatchSemaphore

  /// The free places start at 0 and are signalled up to `capacity`: libdispatch traps
  /// ("semaphore object deallocated while in use") when a semaphore is released with a value
  /// below the one it was created with, which is what a channel abandoned with items still
  /// queued (the consumer failed, e.g. on a full disk) would be.
  init(capacity: Int) {
    space = DispatchSemaphore(value: 0)
    for _ in 0..<max(1, capacity) { space.signal() }
  }

  /// Sends an item; false if the consumer cancelled (the producer should stop).
  func send(_ item: Item) -> Bool {
    space.wait()
    lock.lock()
    if cancelled {
      lock.unlock()
      space.signal()
      return false
    }
    items.append(item)
    lock.unlock()
    available.signal()
    return true
  }

  /// Ends the stream, with the producer's error if it failed.
  func close(failure: (any Error)? = nil) {
    lock.lock()
    closed = true
    self.failure = failure
    lock.unlock()
    available.signal()
  }

  /// The next item, nil at the end; rethrows the producer's error.
  func receive() throws -> Item? {
    available.wait()
    lock.lock()
    defer { lock.unlock() }
    if head < items.count {
      let item = items[head]
      head += 1
      if head == items.count {
        items.removeAll(keepingCapacity: true)
        head = 0
      } else if head >= 8 {
        items.removeFirst(head)
        head = 0
      }
      space.signal()
      return item
    }
    // Closed: let later receives see the end too.
    available.signal()
    if let failure { throw failure }
    return nil
  }

  /// Stops the producer (the consumer gave up).
  func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
    space.signal()
  }
}
