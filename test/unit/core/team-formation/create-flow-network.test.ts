import assert from 'node:assert/strict';
import { createFlowNetwork } from '../../../../src/core/team-formation/create-flow-network';

describe('createFlowNetwork', () => {
  it('sends the maximum flow along the cheapest paths', () => {
    // 0 → 1 → 3 costs 1 + 1, 0 → 2 → 3 costs 2 + 2; both carry at most 2, and 3 units must go.
    const network = createFlowNetwork(4);
    const cheap = network.addEdge(0, 1, 2, 1);
    const dear = network.addEdge(0, 2, 2, 2);
    network.addEdge(1, 3, 2, 1);
    network.addEdge(2, 3, 2, 2);
    assert.deepEqual(network.run(0, 3), { flow: 4, cost: 2 * 2 + 2 * 4 });
    assert.equal(network.flowOn(cheap), 2);
    assert.equal(network.flowOn(dear), 2);
  });

  it('reroutes earlier flow when that lowers the total cost', () => {
    // The classic case where a greedy first path must be undone through a reverse arc.
    const network = createFlowNetwork(4);
    network.addEdge(0, 1, 1, 0);
    network.addEdge(0, 2, 1, 0);
    network.addEdge(1, 2, 1, 0);
    network.addEdge(1, 3, 1, 5);
    network.addEdge(2, 3, 1, 0);
    assert.deepEqual(network.run(0, 3), { flow: 2, cost: 5 });
  });
});
