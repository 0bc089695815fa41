#pragma once

#include <QString>

#include <optional>

/** How the network treats one peer at one moment: what a scenario does to the peers it touches. */
struct NetworkConditions
{
    double extraLatencyMs = 0; // added to the peer's own latency
    double extraLossPercent = 0; // added to the peer's own packet loss
    double bandwidthFactor = 1; // applied to the peer's own capacity
    double failureChance = 0; // chance per report that ICE reports "disconnected"

    friend bool operator==(const NetworkConditions &, const NetworkConditions &) = default;
};

/**
 * What happens to the simulated peers over a run, as a function of its progress (0 at the start, 1 at
 * the end):
 *   steady       every peer online from the start, under its own conditions;
 *   incident     the same, but the first 40 % of the peers degrade badly (latency, loss, bandwidth,
 *                failures) from 25 % to 60 % of the run, then recover: alerts must fire, then resolve;
 *   flash-crowd  a fifth of the peers at first, the rest joining during the first half of the run.
 */
class Scenario
{
public:
    enum class Kind { Steady, Incident, FlashCrowd };

    static std::optional<Scenario> fromName(const QString &name);
    static QString names(); // for --help
    static QString nameOf(Kind kind);

    explicit Scenario(Kind kind)
        : m_kind(kind)
    { }
    Kind kind() const { return m_kind; }

    // peerIndex of peerCount, at `progress` of the run.
    NetworkConditions conditionsFor(int peerIndex, int peerCount, double progress) const;
    bool isOnline(int peerIndex, int peerCount, double progress) const;
    bool isDegrading(int peerIndex, int peerCount, double progress) const;

    static constexpr double IncidentStart = 0.25;
    static constexpr double IncidentEnd = 0.60;
    static constexpr double IncidentShare = 0.40;

private:
    Kind m_kind;
};
