package io.kindling.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.IgniteException;
import org.apache.ignite.compute.ComputeJob;
import org.apache.ignite.compute.ComputeJobAdapter;
import org.apache.ignite.compute.ComputeJobResult;
import org.apache.ignite.compute.ComputeTaskSplitAdapter;

/**
 * A compute task for Kindling's thin-client compute tests: one job per word of the argument, each
 * returning the word's length, summed. The argument "fail" makes the task throw.
 */
public class WordLengthTask extends ComputeTaskSplitAdapter<String, Integer> {
    @Override protected List<? extends ComputeJob> split(int gridSize, String arg) {
        if ("fail".equals(arg)) throw new IgniteException("WordLengthTask was asked to fail");
        List<ComputeJob> jobs = new ArrayList<>();
        for (String word : arg.split(" ")) {
            jobs.add(new ComputeJobAdapter() {
                @Override public Object execute() { return word.length(); }
            });
        }
        return jobs;
    }

    @Override public Integer reduce(List<ComputeJobResult> results) {
        int sum = 0;
        for (ComputeJobResult r : results) sum += r.<Integer>getData();
        return sum;
    }
}
