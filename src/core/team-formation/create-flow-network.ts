/** A directed network with capacities and integer costs, solved for a minimum-cost maximum flow. */
export interface FlowNetwork {
  /** Adds an arc and returns its id, for reading its flow afterwards. */
  addEdge(from: number, to: number, capacity: number, cost: number): number;
  /** Pushes as much flow as possible from source to sink at the least total cost. */
  run(source: number, sink: number): { flow: number; cost: number };
  flowOn(edge: number): number;
}

/**
 * Primal-dual minimum-cost flow: Dijkstra on reduced costs (Johnson potentials) finds the current
 * shortest distance, then a Dinic blocking flow saturates every path of that length at once.
 * Exact for non-negative costs; with the few distinct costs of facilitator assignment it takes a
 * handful of phases instead of one shortest path per unit. Ties are broken by node and arc order,
 * so the same network always gives the same flow.
 */
export function createFlowNetwork(nodeCount: number): FlowNetwork {
  const to: number[] = [];
  const capacity: number[] = [];
  const cost: number[] = [];
  const next: number[] = [];
  const head = new Int32Array(nodeCount).fill(-1);
  const initialCapacity: number[] = [];

  const addArc = (from: number, target: number, arcCapacity: number, arcCost: number): void => {
    to.push(target);
    capacity.push(arcCapacity);
    cost.push(arcCost);
    next.push(head[from]!);
    head[from] = to.length - 1;
  };

  return {
    addEdge(from, target, edgeCapacity, edgeCost) {
      const id = to.length;
      addArc(from, target, edgeCapacity, edgeCost);
      addArc(target, from, 0, -edgeCost);
      initialCapacity[id] = edgeCapacity;
      return id;
    },
    flowOn: (edge) => initialCapacity[edge]! - capacity[edge]!,
    run(source, sink) {
      const potential = new Float64Array(nodeCount);
      const distance = new Float64Array(nodeCount);
      const done = new Uint8Array(nodeCount);
      const level = new Int32Array(nodeCount);
      const current = new Int32Array(nodeCount);
      const heap = createHeap();
      const reduced = (edge: number, node: number): number =>
        cost[edge]! + potential[node]! - potential[to[edge]!]!;
      let flow = 0;

      // Pushes flow from node to the sink along admissible arcs one level down (Dinic).
      const push = (node: number, limit: number): number => {
        if (node === sink) return limit;
        for (; current[node]! >= 0; current[node] = next[current[node]!]!) {
          const edge = current[node]!;
          const target = to[edge]!;
          if (capacity[edge]! <= 0 || level[target] !== level[node]! + 1) continue;
          if (reduced(edge, node) !== 0) continue;
          const pushed = push(target, Math.min(limit, capacity[edge]!));
          if (pushed > 0) {
            capacity[edge]! -= pushed;
            capacity[edge ^ 1]! += pushed;
            return pushed;
          }
        }
        return 0;
      };

      for (;;) {
        distance.fill(Infinity);
        done.fill(0);
        distance[source] = 0;
        heap.push(0, source);
        while (heap.size() > 0) {
          const [d, node] = heap.pop();
          if (done[node] || d > distance[node]!) continue;
          done[node] = 1;
          for (let edge = head[node]!; edge >= 0; edge = next[edge]!) {
            if (capacity[edge]! <= 0) continue;
            const target = to[edge]!;
            const candidate = d + reduced(edge, node);
            if (candidate < distance[target]!) {
              distance[target] = candidate;
              heap.push(candidate, target);
            }
          }
        }
        if (!done[sink]) break;
        for (let node = 0; node < nodeCount; node++) {
          if (done[node]) potential[node]! += distance[node]!;
        }
        // Every shortest path now has reduced cost 0: saturate them with blocking flows.
        for (;;) {
          level.fill(-1);
          level[source] = 0;
          const queue = [source];
          for (let index = 0; index < queue.length; index++) {
            const node = queue[index]!;
            for (let edge = head[node]!; edge >= 0; edge = next[edge]!) {
              const target = to[edge]!;
              if (capacity[edge]! <= 0 || level[target]! >= 0 || reduced(edge, node) !== 0)
                continue;
              level[target] = level[node]! + 1;
              queue.push(target);
            }
          }
          if (level[sink]! < 0) break;
          current.set(head);
          for (let pushed = push(source, Infinity); pushed > 0; pushed = push(source, Infinity)) {
            flow += pushed;
          }
        }
      }
      let total = 0;
      for (let edge = 0; edge < to.length; edge += 2)
        total += (initialCapacity[edge]! - capacity[edge]!) * cost[edge]!;
      return { flow, cost: total };
    },
  };
}

/** A binary min-heap of (distance, node), ties broken by the smaller node. */
function createHeap(): {
  push(key: number, node: number): void;
  pop(): [number, number];
  size(): number;
} {
  const keys: number[] = [];
  const nodes: number[] = [];
  const less = (i: number, j: number): boolean =>
    keys[i]! < keys[j]! || (keys[i] === keys[j] && nodes[i]! < nodes[j]!);
  const swap = (i: number, j: number): void => {
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  };
  return {
    size: () => keys.length,
    push(key, node) {
      keys.push(key);
      nodes.push(node);
      for (let i = keys.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    },
    pop() {
      const top: [number, number] = [keys[0]!, nodes[0]!];
      const lastKey = keys.pop()!;
      const lastNode = nodes.pop()!;
      if (keys.length > 0) {
        keys[0] = lastKey;
        nodes[0] = lastNode;
        for (let i = 0; ;) {
          const left = 2 * i + 1;
          const right = left + 1;
          let smallest = i;
          if (left < keys.length && less(left, smallest)) smallest = left;
          if (right < keys.length && less(right, smallest)) smallest = right;
          if (smallest === i) break;
          swap(i, smallest);
          i = smallest;
        }
      }
      return top;
    },
  };
}
