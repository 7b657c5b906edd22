package com.example.orders;

import java.util.concurrent.BlockingQueue;

/** Builds order reports in the background. */
public class ReportController {
    private final BlockingQueue<String> jobs;

    public ReportController(BlockingQueue<String> jobs) {
        this.jobs = jobs;
    }

    /** Defect: compares strings by reference. */
    public boolean isExport(String format) {
        return format == "csv";
    }

    /** Clean: compares strings by value. */
    public boolean isPdf(String format) {
        return "pdf".equals(format);
    }

    /** Defect: the interrupt is swallowed, so the worker never stops. */
    public String nextJob() {
        try {
            return jobs.take();
        } catch (InterruptedException e) {
        }
        return null;
    }

    /** Clean: restores the interrupt flag. */
    public String nextJobOrNull() {
        try {
            return jobs.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
