import { noImageFacts } from './image-facts';
import { TaskMemory, type TaskMemo } from './task-memo';

function memoOf(images: number): TaskMemo {
  const facts = noImageFacts();
  for (let n = 0; n < images; n += 1) facts.status.set(`i${n}`, 'pending');
  return { view: null, images: facts, complete: true };
}

describe('TaskMemory', () => {
  it('hands a memo out once (take), and gets it back with put', () => {
    const memory = new TaskMemory(100);
    const memo = memoOf(2);
    memory.put('a', memo);
    expect(memory.take('a')).toBe(memo);
    expect(memory.take('a')).toBeUndefined();
  });

  it('forgets the least recently put first, counting a task and each of its images', () => {
    const memory = new TaskMemory(10); // a task of 3 images counts 4
    memory.put('a', memoOf(3));
    memory.put('b', memoOf(3));
    memory.put('a', memory.take('a')!); // a is now the newest
    memory.put('c', memoOf(3)); // 12 > 10: b goes
    expect(memory.take('b')).toBeUndefined();
    expect(memory.take('a')).toBeDefined();
    expect(memory.take('c')).toBeDefined();
  });

  it('keeps nothing bigger than itself, and nothing at all at capacity 0; clear() forgets all', () => {
    const memory = new TaskMemory(3);
    memory.put('big', memoOf(3));
    expect(memory.take('big')).toBeUndefined();
    memory.put('small', memoOf(1));
    memory.clear();
    expect(memory.take('small')).toBeUndefined();
    const none = new TaskMemory(0);
    none.put('a', memoOf(0));
    expect(none.take('a')).toBeUndefined();
  });
});
